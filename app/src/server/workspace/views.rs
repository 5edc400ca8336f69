//! Saved views: a staff member keeps a queue with its filters under a name. The address
//! kept is rebuilt from what it says (the queue must be one of the reader's), never
//! stored as typed.

use crate::api::workspace::{read_queue_query, QueueQuery};
use crate::api::ApiError;
use crate::model::validation::Field;
use crate::model::workspace::{view_name, SavedView};
use crate::paths;
use crate::server::state::AppState;
use crate::server::storage::StaffAccount;

use super::steps::invalid;
use super::{chosen_queue, tidy_filter};

/// The queue address a view keeps for `parameters` (a queue address's query, with or
/// without its path), as `staff` may open it; `None` when it names no queue of theirs.
pub(crate) fn view_address(staff: &StaffAccount, parameters: &str) -> Option<String> {
    let query = parameters
        .trim()
        .strip_prefix(paths::WORKSPACE_QUEUE)
        .unwrap_or(parameters.trim())
        .trim_start_matches('?');
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let read = read_queue_query(|name| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    });
    let code = read.queue.as_deref()?;
    if chosen_queue(staff, Some(code)).code() != code {
        return None;
    }
    QueueQuery {
        filter: tidy_filter(read.filter),
        page: None,
        ..read
    }
    .address()
}

/// Saves the queue at `parameters` under `name` for `staff`.
pub async fn save_view(
    state: &AppState,
    staff: &StaffAccount,
    name: &str,
    parameters: &str,
) -> Result<SavedView, ApiError> {
    let name = view_name(name).map_err(|problem| invalid(Field::ViewName, problem))?;
    let address = view_address(staff, parameters).ok_or(ApiError::BadRequest)?;
    let view = state
        .store
        .save_view(staff.id, &name, &address, state.clock.now())
        .await?;
    Ok(view)
}

/// Deletes view `id` of `staff`.
pub async fn delete_view(state: &AppState, staff: &StaffAccount, id: i64) -> Result<(), ApiError> {
    state.store.delete_view(staff.id, id).await?;
    Ok(())
}
