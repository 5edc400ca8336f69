//! The SMS simulator (`/simulator/sms`): a form that sends an SMS to 1708 through the
//! same conversation as a real gateway (`sms::answer`) and shows the phone's side of it.
//! Off unless `LAPOR_SMS_SIMULATOR` is set: the address then does not exist.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{request::Parts, Request, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use super::sms::{answer, InboundSms};
use crate::api::simulator::{SimulatedSms, SimulatorScreen};
use crate::i18n::Key;
use crate::model::sms::{normalize_sender, septets};
use crate::paths;
use crate::server::http::read_form;
use crate::server::render::render_page;
use crate::server::state::AppState;

/// Messages kept per number, and numbers kept, before the oldest are forgotten.
const MESSAGES_KEPT: usize = 40;
const NUMBERS_KEPT: usize = 500;
/// A number to start with, so a trainer can type a message at once.
const FIRST_NUMBER: &str = "081234567890";

#[derive(Debug, Default, serde::Deserialize)]
pub struct SimulatorForm {
    #[serde(default)]
    nomor: String,
    #[serde(default)]
    pesan: String,
}

/// `GET /simulator/sms?nomor=…`: the conversation of that number.
pub async fn page(
    State(state): State<AppState>,
    Query(query): Query<SimulatorForm>,
    request: Request<Body>,
) -> Response {
    let (parts, _) = request.into_parts();
    let number = match query.nomor.trim() {
        "" => FIRST_NUMBER.to_string(),
        typed => typed.to_string(),
    };
    let screen = SimulatorScreen {
        messages: conversation(&state, &number),
        number,
        draft: String::new(),
        error: None,
    };
    show(state, &parts, screen, StatusCode::OK).await
}

/// `POST /simulator/sms` (`nomor`, `pesan`): sends the message as that phone, then
/// shows the conversation again (303, so a reload does not send it twice).
pub async fn send(State(state): State<AppState>, request: Request<Body>) -> Response {
    let (parts, form): (_, SimulatorForm) =
        read_form(request, super::gateways::GATEWAY_BODY_LIMIT).await;
    if !state.channels.settings.simulator {
        return show(
            state,
            &parts,
            SimulatorScreen::default(),
            StatusCode::NOT_FOUND,
        )
        .await;
    }
    let Some(sender) = normalize_sender(&form.nomor) else {
        let screen = SimulatorScreen {
            messages: Vec::new(),
            number: form.nomor,
            draft: form.pesan,
            error: Some(Key::SimNumberInvalid),
        };
        return show(state, &parts, screen, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let sms = InboundSms {
        channel: "sms:simulator",
        id: format!("{:016x}", rand::random::<u64>()),
        from: sender.clone(),
        text: form.pesan.clone(),
    };
    let reply = match answer(&state, &sms).await {
        Ok(reply) => reply,
        Err(error) => {
            tracing::error!(%error, "the simulator's SMS could not be handled");
            let screen = SimulatorScreen {
                messages: conversation(&state, &sender),
                number: form.nomor,
                draft: form.pesan,
                error: Some(Key::SimUnavailable),
            };
            return show(state, &parts, screen, StatusCode::SERVICE_UNAVAILABLE).await;
        }
    };
    record(&state, &sender, true, &form.pesan);
    if let Some(reply) = reply {
        record(&state, &sender, false, &reply);
    }
    Redirect::to(&paths::sms_simulator(&sender)).into_response()
}

async fn show(
    state: AppState,
    parts: &Parts,
    screen: SimulatorScreen,
    status: StatusCode,
) -> Response {
    let enabled = state.channels.settings.simulator;
    let status = if enabled {
        status
    } else {
        StatusCode::NOT_FOUND
    };
    render_page(state, parts, paths::SMS_SIMULATOR, status, move || {
        // Without the screen in context the page is "not found".
        if enabled {
            provide_context(screen.clone());
        }
    })
    .await
}

/// The conversation of `number` (as typed or normalised), oldest first.
fn conversation(state: &AppState, number: &str) -> Vec<SimulatedSms> {
    let key = normalize_sender(number).unwrap_or_else(|| number.to_string());
    let Ok(all) = state.channels.conversations.lock() else {
        return Vec::new();
    };
    all.get(&key)
        .map(|messages| messages.iter().cloned().collect())
        .unwrap_or_default()
}

/// Adds one SMS to the conversation of `number` (normalised).
pub(super) fn record(state: &AppState, number: &str, from_phone: bool, text: &str) {
    let Ok(mut all) = state.channels.conversations.lock() else {
        return;
    };
    if all.len() >= NUMBERS_KEPT && !all.contains_key(number) {
        all.clear();
    }
    let messages = all.entry(number.to_string()).or_default();
    if messages.len() >= MESSAGES_KEPT {
        messages.pop_front();
    }
    messages.push_back(SimulatedSms {
        from_phone,
        text: text.to_string(),
        septets: septets(text),
    });
}
