//! The deadline badge: a date and how many working days are left (or how late).

use leptos::prelude::*;

use crate::i18n::{t, use_locale};
use crate::labels;
use crate::model::calendar::DeadlineState;
use crate::model::privacy::DeadlineView;

#[component]
pub fn DeadlineBadge(deadline: DeadlineView) -> impl IntoView {
    let locale = use_locale();
    let class = match deadline.state {
        DeadlineState::Overdue(_) => "deadline overdue",
        DeadlineState::DueToday => "deadline due-today",
        DeadlineState::Remaining(_) => "deadline",
    };
    view! {
        <p class=class data-testid="deadline">
            <span class="deadline-kind">{t(labels::deadline_kind(deadline.kind))}</span>
            " "
            <time datetime=deadline.due.to_string()>{labels::date(deadline.due, locale)}</time>
            " · "
            <strong>{labels::deadline_state(deadline.state, locale)}</strong>
        </p>
    }
}
