//! The reporter's part of the tracking page: the PIN sign-in form for everyone, and
//! for the signed-in reporter their own view with reply, rating and reopening forms.
//! Every form is a plain HTML POST (`server::reporter` answers it); what is possible
//! comes from `ReporterView::actions`, computed by the model.

use leptos::prelude::*;

use super::report::{StatusPart, StoryPart};
use crate::api::tracking::{ReporterFormKind, ReporterFormState, ReporterNotice};
use crate::components::field::{self, described_by, FormField};
use crate::components::file_input::attachment_input;
use crate::components::text_area::textarea_html;
use crate::components::timeline::{lines, Timeline};
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::privacy::{AttachmentLink, ReporterView};
use crate::model::reporter::{
    ReopenState, ReplyKind, ReporterInputError, RATING_COMMENT_MAX_CHARS, REPLY_MAX_CHARS,
    REPLY_MIN_CHARS,
};
use crate::paths::{self, ReporterAction};

impl ReporterFormState {
    /// The message beside `form`'s field, if that form failed on its input (or, for
    /// the sign-in form, on the PIN).
    fn message_for(&self, form: ReporterFormKind) -> Option<String> {
        let notice = self.notice.filter(|_| self.form == Some(form))?;
        if form != ReporterFormKind::SignIn
            && !matches!(notice, ReporterNotice::Input(_) | ReporterNotice::File(_))
        {
            return None;
        }
        let max = match form {
            ReporterFormKind::Rate => RATING_COMMENT_MAX_CHARS,
            _ => REPLY_MAX_CHARS,
        };
        Some(notice_text(notice, max))
    }

    /// A refusal that is not about one field (the step is not possible now, the report
    /// changed, the service failed): shown at the top of the reporter's page, since
    /// the form it came from may no longer be offered.
    fn page_message(&self) -> Option<String> {
        // A PIN problem belongs to the sign-in form only.
        if self.form == Some(ReporterFormKind::SignIn) {
            return None;
        }
        match self.notice? {
            ReporterNotice::Input(_) | ReporterNotice::SignInFirst => None,
            notice => Some(notice_text(notice, REPLY_MAX_CHARS)),
        }
    }

    fn kept(&self, form: ReporterFormKind) -> Option<&ReporterFormState> {
        (self.form == Some(form)).then_some(self)
    }
}

fn notice_text(notice: ReporterNotice, max: usize) -> String {
    match notice {
        ReporterNotice::PinMalformed => t(Key::ReporterErrPinMalformed).to_string(),
        ReporterNotice::WrongPin { tries_left } => fill(
            t(Key::ReporterErrWrongPin),
            &[("n", &tries_left.to_string())],
        ),
        ReporterNotice::PinLocked => t(Key::ReporterErrLocked).to_string(),
        ReporterNotice::NoPin => t(Key::ReporterErrNoPin).to_string(),
        ReporterNotice::SignInFirst => t(Key::ReporterErrSignInFirst).to_string(),
        ReporterNotice::Input(ReporterInputError::Required) => {
            t(Key::ReporterErrRequired).to_string()
        }
        ReporterNotice::Input(ReporterInputError::TooShort) => fill(
            t(Key::ReporterErrTooShort),
            &[("min", &REPLY_MIN_CHARS.to_string())],
        ),
        ReporterNotice::Input(ReporterInputError::TooLong) => {
            fill(t(Key::ReporterErrTooLong), &[("max", &max.to_string())])
        }
        ReporterNotice::Input(ReporterInputError::StarsOutOfRange) => {
            t(Key::ReporterErrStars).to_string()
        }
        ReporterNotice::NotNow => t(Key::ReporterErrNotNow).to_string(),
        ReporterNotice::AlreadyReopened => t(Key::ReporterErrAlreadyReopened).to_string(),
        ReporterNotice::WindowPassed => t(Key::ReporterErrWindowPassed).to_string(),
        ReporterNotice::Conflict => t(Key::ErrConflict).to_string(),
        ReporterNotice::Unavailable => t(Key::ReporterErrUnavailable).to_string(),
        ReporterNotice::File(problem) => labels::problem(
            crate::model::validation::Field::Attachments,
            problem,
            crate::i18n::use_locale(),
        ),
    }
}

/// The confirmation for `?selesai=…`, if it names a step.
pub fn flash_text(done: &str) -> Option<Key> {
    Some(match done {
        "masuk" => Key::ReporterDoneSignIn,
        "keluar" => Key::ReporterDoneSignOut,
        "balas" => Key::ReporterDoneReply,
        "lengkap" => Key::ReporterDoneComplete,
        "pesan" => Key::ReporterDoneMessage,
        "nilai" => Key::ReporterDoneRate,
        "buka" => Key::ReporterDoneReopen,
        _ => return None,
    })
}

fn form_state() -> ReporterFormState {
    use_context::<ReporterFormState>().unwrap_or_default()
}

/// The message under a field, announced to screen readers.
#[component]
fn FieldMessage(id: String, message: Option<String>) -> impl IntoView {
    view! { <p class="field-error" id=id aria-live="polite">{message}</p> }
}

/// "Saya pelapor laporan ini": the PIN form on the public page.
#[component]
pub fn ReporterSignIn(compact: String) -> impl IntoView {
    let state = form_state();
    let message = match state.notice {
        // A reply, rating or reopening sent without a session lands here.
        Some(ReporterNotice::SignInFirst) => Some(t(Key::ReporterErrSignInFirst).to_string()),
        _ => state.message_for(ReporterFormKind::SignIn),
    };
    let invalid = field::invalid(&message);
    view! {
        <section class="reporter-sign-in" aria-labelledby="reporter-sign-in-heading">
            <h2 id="reporter-sign-in-heading">{t(Key::ReporterSignInHeading)}</h2>
            <p>{t(Key::ReporterSignInHelp)}</p>
            <form method="post" action=paths::reporter(&compact, ReporterAction::SignIn)>
                <FormField id="pin" label=Key::ReporterPinLabel hint=Key::ReporterPinHint error=message>
                    <input
                        type="text"
                        id="pin"
                        name="pin"
                        class="pin-input"
                        inputmode="numeric"
                        pattern="[0-9]{6}"
                        maxlength="6"
                        autocomplete="off"
                        required
                        aria-describedby=described_by("pin", true)
                        aria-invalid=invalid
                    />
                </FormField>
                <button type="submit" class="button">{t(Key::ReporterSignInButton)}</button>
            </form>
        </section>
    }
}

/// The signed-in reporter's page.
#[component]
pub fn ReporterPage(view: ReporterView) -> impl IntoView {
    let ReporterView {
        tracking_number,
        compact,
        status,
        confidential,
        anonymous: _,
        story,
        timeline,
        rating,
        attachments,
        actions,
    } = view;
    let your_rating = rating
        .as_ref()
        .map(|r| fill(t(Key::ReporterYourRating), &[("n", &r.stars.to_string())]));
    let rating_comment = rating.as_ref().and_then(|r| r.comment.clone());
    let current_stars = rating.as_ref().map(|r| r.stars);
    let has_actions =
        actions.reply.is_some() || actions.rate || !matches!(actions.reopen, ReopenState::NotNow);
    let refused = form_state().page_message().map(|text| {
        view! { <p class="notice error" role="alert" data-testid="reporter-refused">{text}</p> }
            .into_any()
    });
    // Each part is type-erased: one nested view type for the whole page overflows rustc.
    let story = view! { <StoryPart story/> }.into_any();
    let attachments_part = (!attachments.is_empty()).then(|| {
        view! {
            <h2>{t(Key::TrackAttachments)}</h2>
            <AttachmentList compact=compact.clone() attachments/>
        }
        .into_any()
    });
    let rating_part = your_rating.map(|text| {
        view! {
            <p class="your-rating" data-testid="your-rating">
                <strong>{text}</strong>
                {rating_comment.map(|c| view! { <br/><q>{c}</q> })}
            </p>
        }
        .into_any()
    });
    let actions_part = has_actions.then(|| {
        view! {
            <section class="reporter-actions" aria-labelledby="reporter-actions-heading">
                <h2 id="reporter-actions-heading">{t(Key::ReporterActionsHeading)}</h2>
                {actions.reply.map(|kind| view! { <ReplyForm compact=compact.clone() kind/> }.into_any())}
                {actions.rate.then(|| view! { <RateForm compact=compact.clone() current=current_stars/> }.into_any())}
                <ReopenPart compact=compact.clone() state=actions.reopen/>
            </section>
        }
        .into_any()
    });
    let head = view! {
            <p class="eyebrow">{t(Key::TrackReportNumber)} " " <span data-testid="tracking-number">{tracking_number}</span></p>
            <div class="reporter-session">
                <p>{t(Key::ReporterSignedIn)}</p>
                <form method="post" action=paths::reporter(&compact, ReporterAction::SignOut)>
                    <button type="submit" class="button secondary">{t(Key::ReporterSignOutButton)}</button>
                </form>
            </div>
            <StatusPart status/>
            {confidential.then(|| view! { <p class="notice">{t(Key::ReporterConfidentialNote)}</p> })}
    }
    .into_any();
    view! {
        <article class="report reporter-view">
            {head}
            {refused}
            {story}
            {attachments_part}
            <div data-live="actions">
                {rating_part}
                {actions_part}
            </div>
            <h2>{t(Key::TrackTimeline)}</h2>
            <div data-live="timeline">{view! { <Timeline events=lines(timeline)/> }.into_any()}</div>
        </article>
    }
}

/// The report's photos (small previews linking to the whole photo) and PDFs. Served
/// only to the signed-in reporter (`/lacak/{number}/lampiran/{id}`).
#[component]
fn AttachmentList(compact: String, attachments: Vec<AttachmentLink>) -> impl IntoView {
    let locale = use_locale();
    let (mut photos, mut pdfs) = (0, 0);
    let items = attachments
        .into_iter()
        .map(|file| {
            let (template, n) = if file.pdf {
                pdfs += 1;
                (Key::AttachPdfN, pdfs)
            } else {
                photos += 1;
                (Key::AttachPhotoN, photos)
            };
            let label = fill(
                template.text(locale),
                &[
                    ("n", &n.to_string()),
                    ("size", &labels::file_size(file.bytes, locale)),
                ],
            );
            let href = paths::report_attachment(&compact, file.id);
            let preview = (!file.pdf).then(|| {
                view! { <img src=href.clone() alt=label.clone() loading="lazy" width="96" height="96"/> }
            });
            view! {
                <li data-testid="report-attachment">
                    <a href=href target="_blank" rel="noopener">{preview}<span>{label.clone()}</span></a>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="report-attachments">{items}</ul> }
}

/// A labelled textarea with its hint and error.
#[component]
fn TextArea(
    name: &'static str,
    label: Key,
    hint: Key,
    value: String,
    message: Option<String>,
    #[prop(default = false)] required: bool,
    max: usize,
) -> impl IntoView {
    let invalid = message.is_some().then_some("true");
    view! {
        <div class="field">
            <label for=name>{t(label)}</label>
            <p class="hint" id=format!("{name}-hint")>{t(hint)}</p>
            <textarea
                id=name
                name=name
                rows="5"
                maxlength=max
                required=required
                aria-describedby=format!("{name}-hint {name}-error")
                aria-invalid=invalid
                inner_html=textarea_html(&value)
            ></textarea>
            <FieldMessage id=format!("{name}-error") message/>
        </div>
    }
}

#[component]
fn ReplyForm(compact: String, kind: ReplyKind) -> impl IntoView {
    let state = form_state();
    let message = state.message_for(ReporterFormKind::Reply);
    let value = state
        .kept(ReporterFormKind::Reply)
        .map(|s| s.text.clone())
        .unwrap_or_default();
    let (heading, help) = match kind {
        ReplyKind::ReplyToFollowUp => (Key::ReporterReplyHeading, Key::ReporterReplyHelp),
        ReplyKind::Complete => (Key::ReporterCompleteHeading, Key::ReporterCompleteHelp),
        ReplyKind::Message => (Key::ReporterMessageHeading, Key::ReporterMessageHelp),
    };
    // Asked for more (a returned report): evidence may come with the answer. The form is
    // then posted by the browser itself, files and all (the islands router would send
    // text only).
    let evidence = (kind == ReplyKind::Complete).then(|| {
        view! {
            <label for="lampiran" class="file-label">{t(Key::AttachChoose)}</label>
            <p class="hint" id="lampiran-hint">{t(Key::AttachHint)}</p>
            {attachment_input("lampiran-hint")}
        }
    });
    let (enctype, native) = match kind {
        ReplyKind::Complete => (
            Some("multipart/form-data"),
            Some("if (this.querySelector('input[type=file]').files.length) { event.preventDefault(); this.submit(); }"),
        ),
        _ => (None, None),
    };
    view! {
        <form method="post" action=paths::reporter(&compact, ReporterAction::Reply) enctype=enctype onsubmit=native class="reporter-form" aria-labelledby="reply-heading">
            <h3 id="reply-heading">{t(heading)}</h3>
            <p>{t(help)}</p>
            <TextArea name="teks" label=Key::ReporterTextLabel hint=Key::ReporterTextHint value message required=true max=REPLY_MAX_CHARS/>
            {evidence}
            <button type="submit" class="button">{t(Key::ReporterSendButton)}</button>
        </form>
    }
}

#[component]
fn RateForm(compact: String, current: Option<u8>) -> impl IntoView {
    let state = form_state();
    let message = state.message_for(ReporterFormKind::Rate);
    let kept = state.kept(ReporterFormKind::Rate);
    let chosen = kept.and_then(|s| s.stars).or(current);
    let comment = kept.map(|s| s.comment.clone()).unwrap_or_default();
    let stars_message = message.clone().filter(|_| {
        state.notice == Some(ReporterNotice::Input(ReporterInputError::StarsOutOfRange))
    });
    let other_message = message.filter(|_| stars_message.is_none());
    let invalid = stars_message.is_some().then_some("true");
    view! {
        <form method="post" action=paths::reporter(&compact, ReporterAction::Rate) class="reporter-form" aria-labelledby="rate-heading">
            <h3 id="rate-heading">{t(Key::ReporterRateHeading)}</h3>
            {current.is_some().then(|| view! { <p class="hint">{t(Key::ReporterRatingChangeable)}</p> })}
            <fieldset class="field stars" aria-describedby="bintang-error" aria-invalid=invalid>
                <legend>{t(Key::ReporterRateLegend)}</legend>
                {(1u8..=5)
                    .map(|n| {
                        let id = format!("bintang-{n}");
                        view! {
                            <span class="star-choice">
                                <input type="radio" id=id.clone() name="bintang" value=n.to_string() required checked=chosen == Some(n)/>
                                <label for=id>{fill(t(Key::ReporterStars), &[("n", &n.to_string())])}</label>
                            </span>
                        }
                    })
                    .collect_view()}
                <FieldMessage id="bintang-error".into() message=stars_message/>
            </fieldset>
            <TextArea name="komentar" label=Key::ReporterCommentLabel hint=Key::ReporterCommentHint value=comment message=other_message max=RATING_COMMENT_MAX_CHARS/>
            <button type="submit" class="button">{t(Key::ReporterRateButton)}</button>
        </form>
    }
}

#[component]
fn ReopenPart(compact: String, state: ReopenState) -> impl IntoView {
    let locale = use_locale();
    match state {
        ReopenState::Open { until } => {
            let form = form_state();
            let message = form.message_for(ReporterFormKind::Reopen);
            let value = form
                .kept(ReporterFormKind::Reopen)
                .map(|s| s.text.clone())
                .unwrap_or_default();
            let help = fill(
                t(Key::ReporterReopenHelp),
                &[("date", &labels::date(until, locale))],
            );
            view! {
                <form method="post" action=paths::reporter(&compact, ReporterAction::Reopen) class="reporter-form" aria-labelledby="reopen-heading">
                    <h3 id="reopen-heading">{t(Key::ReporterReopenHeading)}</h3>
                    <p>{help}</p>
                    <TextArea name="alasan" label=Key::ReporterReopenLabel hint=Key::ReporterReopenHint value message required=true max=REPLY_MAX_CHARS/>
                    <button type="submit" class="button secondary">{t(Key::ReporterReopenButton)}</button>
                </form>
            }
            .into_any()
        }
        ReopenState::Used => {
            view! { <p class="notice" data-testid="reopen-used">{t(Key::ReporterReopenUsed)}</p> }
                .into_any()
        }
        ReopenState::Expired => {
            view! { <p class="notice">{t(Key::ReporterReopenExpired)}</p> }.into_any()
        }
        ReopenState::NotNow => ().into_any(),
    }
}
