use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{error_in_address, error_text, page_data, WorkspaceFailed};
use crate::api::workspace::{fetch_account, AccountScreen, ChangePassword, SignOutElsewhere};
use crate::api::ApiError;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::staff::PASSWORD_MIN_CHARS;
use crate::model::validation::Field;

/// `/ruang-kerja/akun`: the staff member's own account. Change the password (the
/// current one required, the rules of `lapor staff add`; their other sessions end),
/// see the latest sign-ins and failed attempts, sign out everywhere else. Both forms
/// are plain posts without JavaScript.
#[component]
pub fn AccountPage() -> impl IntoView {
    let query = use_query_map();
    let password = ServerAction::<ChangePassword>::new();
    let elsewhere = ServerAction::<SignOutElsewhere>::new();
    let plain_error = error_in_address(&query);
    let screen = page_data(
        move || (password.version().get(), elsewhere.version().get()),
        |_| fetch_account(),
    );
    view! {
        <Transition fallback=|| ()>
            {move || {
                let plain_error = plain_error.clone();
                Suspend::new(async move {
                match screen.await {
                    Ok(screen) => view! { <AccountView screen password elsewhere plain_error/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error/> }.into_any(),
                }
            })}}
        </Transition>
    }
}

#[component]
fn AccountView(
    screen: AccountScreen,
    password: ServerAction<ChangePassword>,
    elsewhere: ServerAction<SignOutElsewhere>,
    plain_error: Option<ApiError>,
) -> impl IntoView {
    let locale = use_locale();
    let AccountScreen {
        me,
        email,
        sign_ins,
        other_sessions,
    } = screen;
    // The answer of the last call (with JavaScript), or the plain form's error.
    let plain_error = StoredValue::new(plain_error);
    let password_answer = move || match password.value().get() {
        Some(Ok(done)) => Some(Ok(done.ended_sessions)),
        Some(Err(error)) => Some(Err(error)),
        None => plain_error.get_value().map(Err),
    };
    let field_error = move |field: Field| {
        move || match password_answer() {
            Some(Err(ApiError::Invalid(fields))) => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| labels::problem(f.field, f.problem, locale)),
            _ => None,
        }
    };
    let password_notice = move || match password_answer() {
        Some(Ok(ended)) => Some(
            view! {
                <p class="flash" role="status" data-testid="password-changed">
                    {fill(t(Key::WsPasswordChanged), &[("n", &ended.to_string())])}
                </p>
            }
            .into_any(),
        ),
        Some(Err(ApiError::Invalid(_))) | None => None,
        Some(Err(error)) => Some(
            view! {
                <p class="error" role="alert">{error_text(&error, locale)}</p>
            }
            .into_any(),
        ),
    };
    let elsewhere_notice = move || {
        elsewhere.value().get().map(|answer| match answer {
            Ok(done) => view! {
                <p class="flash" role="status" data-testid="sessions-ended">
                    {fill(t(Key::WsSessionsEnded), &[("n", &done.ended_sessions.to_string())])}
                </p>
            }
            .into_any(),
            Err(error) => {
                view! { <p class="error" role="alert">{error_text(&error, locale)}</p> }.into_any()
            }
        })
    };
    let place = [me.agency_name.clone(), me.unit.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let sign_in_rows = sign_ins
        .into_iter()
        .map(|line| {
            let what = if line.failed {
                view! { <span class="badge badge-late">{t(Key::WsSignInFailedLine)}</span> }
                    .into_any()
            } else {
                view! { <span class="badge badge-ok">{t(Key::WsSignInLine)}</span> }.into_any()
            };
            view! {
                <tr>
                    <td>{labels::timestamp(line.at, locale)}</td>
                    <td>{what}</td>
                    <td>{line.address.unwrap_or_else(|| "—".to_string())}</td>
                </tr>
            }
        })
        .collect_view();
    let busy = password.pending();
    let ending = elsewhere.pending();
    let min = PASSWORD_MIN_CHARS.to_string();
    view! {
        <h1>{t(Key::WsNavAccount)}</h1>
        <div class="account-layout">
            <section class="card">
                <h2>{t(Key::WsProfile)}</h2>
                <dl>
                    <dt>{t(Key::FieldName)}</dt><dd>{me.name}</dd>
                    <dt>{t(Key::WsEmail)}</dt><dd data-testid="account-email">{email}</dd>
                    <dt>{t(Key::WsRole)}</dt><dd>{t(labels::role(me.role))}</dd>
                    {(!place.is_empty()).then(|| view! { <dt>{t(Key::WsColAgency)}</dt><dd>{place}</dd> })}
                </dl>
            </section>
            <section class="card" aria-labelledby="change-password">
                <h2 id="change-password">{t(Key::WsChangePassword)}</h2>
                {password_notice}
                <ActionForm action=password>
                    <div class="stack" data-testid="password-form">
                    <label for="sandi_lama">{t(Key::WsCurrentPassword)}</label>
                    <input id="sandi_lama" name="sandi_lama" type="password" autocomplete="current-password" required/>
                    <p class="field-error" role="alert">{field_error(Field::Password)}</p>
                    <label for="sandi_baru">{t(Key::WsNewPassword)}</label>
                    <input id="sandi_baru" name="sandi_baru" type="password" autocomplete="new-password" required minlength=min.clone() maxlength="128" aria-describedby="sandi_baru-hint"/>
                    <p class="hint" id="sandi_baru-hint">{fill(t(Key::WsPasswordRule), &[("n", &min)])}</p>
                    <p class="field-error" role="alert">{field_error(Field::NewPassword)}</p>
                    <label for="sandi_ulang">{t(Key::WsNewPasswordRepeat)}</label>
                    <input id="sandi_ulang" name="sandi_ulang" type="password" autocomplete="new-password" required/>
                    <p class="field-error" role="alert">{field_error(Field::NewPasswordRepeat)}</p>
                    <p class="hint">{t(Key::WsPasswordConsequence)}</p>
                    <button type="submit" class="button primary" disabled=busy data-testid="change-password">
                        {move || if busy.get() { t(Key::WsSaving) } else { t(Key::WsChangePassword) }}
                    </button>
                    </div>
                </ActionForm>
            </section>
            <section class="card" aria-labelledby="sessions">
                <h2 id="sessions">{t(Key::WsOtherSessions)}</h2>
                {elsewhere_notice}
                <p data-testid="other-sessions">{fill(t(Key::WsOtherSessionsCount), &[("n", &other_sessions.to_string())])}</p>
                <ActionForm action=elsewhere>
                    <button type="submit" class="button danger" disabled=move || ending.get() || other_sessions == 0 data-testid="sign-out-elsewhere">
                        {t(Key::WsSignOutElsewhere)}
                    </button>
                </ActionForm>
            </section>
            <section class="card" aria-labelledby="sign-ins">
                <h2 id="sign-ins">{t(Key::WsRecentSignIns)}</h2>
                <table class="queue" data-testid="sign-ins">
                    <thead><tr>
                        <th scope="col">{t(Key::WsWhen)}</th><th scope="col">{t(Key::WsWhat)}</th><th scope="col">{t(Key::WsAddress)}</th>
                    </tr></thead>
                    <tbody>{sign_in_rows}</tbody>
                </table>
            </section>
        </div>
    }
}
