use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::{StaffBar, WorkspaceFailed};
use crate::api::workspace::{fetch_report, ReportScreen, StaffEvent, TakeStep};
use crate::api::ApiError;
use crate::components::choice::Choice;
use crate::components::deadline::DeadlineBadge;
use crate::i18n::{fill, t, use_locale, Key, Locale};
use crate::labels;
use crate::model::privacy::{AgencyView, ReporterIdentity, StaffReportView};
use crate::model::status::{transition, Guards};
use crate::model::{Action, Classification, Role, Status, TrackingNumber, Visibility};
use crate::paths;

/// Where every step form posts: the `take_step` server function's own address.
const STEP_URL: &str = <TakeStep as leptos::server_fn::ServerFn>::PATH;

/// `/ruang-kerja/laporan/{number}`: the report, its timeline and the steps the staff
/// member may take now, each a form posting to the step server function.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.read().get("number").unwrap_or_default();
    // A plain form's failed step comes back with the error in the address (Leptos).
    let step_error = query
        .read_untracked()
        .get("__err")
        .and_then(|e| decode_error(&e));
    let screen = Resource::new_blocking(number, fetch_report);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let step_error = step_error.clone();
                Suspend::new(async move {
                    match screen.await {
                        Ok(screen) => view! { <ReportView screen step_error/> }.into_any(),
                        Err(error) => view! { <WorkspaceFailed error/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[cfg(feature = "ssr")]
fn decode_error(encoded: &str) -> Option<ApiError> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE
        .decode(encoded)
        .ok()?;
    ApiError::decode(&bytes)
}

#[cfg(not(feature = "ssr"))]
fn decode_error(_encoded: &str) -> Option<ApiError> {
    None
}

fn error_text(error: &ApiError, locale: Locale) -> String {
    match error {
        ApiError::Invalid(fields) => fields
            .iter()
            .map(|f| labels::problem(f.field, f.problem, locale))
            .collect::<Vec<_>>()
            .join(" "),
        other => t(other.message()).to_string(),
    }
}

#[component]
fn ReportView(screen: ReportScreen, step_error: Option<ApiError>) -> impl IntoView {
    let locale = use_locale();
    let ReportScreen {
        me,
        report,
        timeline,
        deadline,
        attachments,
        actions,
        may_note,
        units,
        agencies,
        categories,
        audit,
    } = screen;
    let (view, identity) = match report {
        StaffReportView::Agency(view) => (view, None),
        StaffReportView::Admin(admin) => (admin.report, Some(admin.reporter)),
    };
    let compact = TrackingNumber::parse(&view.tracking_number)
        .map(|n| n.as_str().to_string())
        .unwrap_or_default();
    let error = step_error.map(|e| {
        view! { <p class="error" role="alert" data-testid="step-error">{error_text(&e, locale)}</p> }
    });
    let flags = [
        view.anonymous.then(|| t(Key::WsFlagAnonymous)),
        view.confidential.then(|| t(Key::WsFlagConfidential)),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let reporter = reporter_part(identity, view.anonymous);
    let photos = attachments
        .into_iter()
        .map(|a| {
            let href = paths::staff_attachment(&compact, a.id);
            if a.pdf {
                view! { <li><a href=href target="_blank">{t(Key::WsAttachmentPdf)}</a></li> }.into_any()
            } else {
                let src = href.clone();
                view! { <li><a href=href target="_blank"><img src=src alt=t(Key::WsAttachmentPhoto) loading="lazy" width="160"/></a></li> }.into_any()
            }
        })
        .collect_view();
    let steps = Steps {
        target_agency: view.target_agency_name.clone(),
        number: compact.clone(),
        version: view.version,
        status: view.status,
        role: me.role,
        title: view.title.clone(),
        classification: view.classification,
        units,
        agencies,
        categories,
    };
    let forms = actions
        .into_iter()
        .map(|action| steps.form(action))
        .collect_view();
    let note = may_note.then(|| steps.note_form());
    let audit = audit.map(|lines| {
        let empty = lines
            .is_empty()
            .then(|| view! { <p class="hint">{t(Key::WsAuditEmpty)}</p> });
        let items = lines
            .into_iter()
            .map(|l| view! {
                <li>
                    <small>{labels::timestamp(l.at, locale)}</small> " · "
                    {l.staff_email.map(|e| {
                        let href = format!("{}?email={}", paths::WORKSPACE_AUDIT, paths::query_value(&e));
                        view! { <a href=href>{e}</a> }
                    })}
                    " · " <code>{l.action}</code>
                    {l.address.map(|a| view! { " · " {a} })}
                </li>
            })
            .collect_view();
        view! { <section class="card" data-live="audit"><h2>{t(Key::WsAudit)}</h2>{empty}<ol class="audit" data-testid="audit">{items}</ol></section> }
    });
    let AgencyView {
        tracking_number,
        status,
        classification,
        title,
        body,
        category_name,
        region_name,
        address,
        coordinates,
        submitted_on,
        supporters,
        duplicate_of,
        duplicates,
        agency_name,
        target_agency_name,
        ..
    } = view;
    // Before it is forwarded, where it is meant to go.
    let routed_to = target_agency_name.filter(|_| agency_name.is_none());
    view! {
        <StaffBar me/>
        <p><a href=paths::WORKSPACE data-shortcut="back">{t(Key::WsBackToQueue)}</a></p>
        <span hidden data-ws-report=compact.clone()></span>
        <div data-live="notice">{error}</div>
        <p class="flash" role="status" hidden data-ws-changed>{t(Key::WsChangedByColleague)}</p>
        <div class="report-layout">
            <section class="card" data-live="facts">
                <p class="hint">{tracking_number} " · " {t(labels::classification(classification))} " · " {flags}</p>
                <h1 data-testid="report-title">{title}</h1>
                <p><strong data-testid="report-status">{t(labels::status(status))}</strong>
                    {agency_name.map(|a| view! { " · " <span data-testid="report-agency">{a}</span> })}
                    {routed_to.map(|a| view! { " · " {t(Key::WsRoutedTo)} " " <span data-testid="report-routed-to">{a}</span> })}</p>
                {deadline.map(|deadline| view! { <DeadlineBadge deadline/> })}
                {duplicate_of.map(|number| {
                    let href = TrackingNumber::parse(&number)
                        .map(|n| paths::staff_report(n.as_str()))
                        .unwrap_or_default();
                    view! {
                        <p data-testid="report-duplicate-of">
                            <a href=href>{fill(t(Key::WsDuplicateOf), &[("number", &number)])}</a>
                        </p>
                    }
                })}
                {(duplicates > 0).then(|| view! {
                    <p class="hint" data-testid="report-duplicates">{fill(t(Key::WsDuplicates), &[("n", &duplicates.to_string())])}</p>
                })}
                <p class="story">{body}</p>
                <dl>
                    <dt>{t(Key::WsCategory)}</dt><dd>{category_name}</dd>
                    <dt>{t(Key::WsLocation)}</dt><dd>{region_name} " " {address}
                        {coordinates.map(|(lat, lon)| view! {
                            " " <a href=paths::map(lat, lon) rel="noopener noreferrer" target="_blank" data-testid="report-map">{format!("{lat:.5}, {lon:.5}")}</a>
                        })}</dd>
                    <dt>{t(Key::WsSubmittedOn)}</dt><dd>{labels::date(submitted_on, locale)}</dd>
                    <dt>{t(Key::WsSupporters)}</dt><dd data-testid="report-supporters">{supporters}</dd>
                </dl>
                {reporter}
                <ul class="attachments">{photos}</ul>
            </section>
            <section class="card step-panel" aria-label=t(Key::WsActions) data-live="actions" data-saving=t(Key::WsSaving)>
                <h2>{t(Key::WsActions)}</h2>
                {forms}
                {note}
                <p class="hint">{t(Key::WsShortcutsReport)}</p>
            </section>
            <section class="card" data-live="timeline">
                <h2>{t(Key::WsTimeline)}</h2>
                <StaffTimeline events=timeline/>
            </section>
            {audit}
        </div>
    }
}

fn reporter_part(identity: Option<ReporterIdentity>, anonymous: bool) -> impl IntoView {
    match identity {
        Some(who) => view! {
            <div class="reporter" data-testid="reporter-identity">
                <h2>{t(Key::WsReporter)}</h2>
                {anonymous.then(|| view! { <p class="hint">{t(Key::WsAnonymousAdminOnly)}</p> })}
                <p>{who.name} " " {who.phone} " " {who.email}</p>
            </div>
        }
        .into_any(),
        None => {
            view! { <p class="hint" data-testid="reporter-hidden">{t(Key::WsReporterHidden)}</p> }
                .into_any()
        }
    }
}

#[component]
fn StaffTimeline(events: Vec<StaffEvent>) -> impl IntoView {
    let locale = use_locale();
    let items = events
        .into_iter()
        .rev()
        .map(|e| {
            let visibility = match e.visibility {
                Visibility::Public => Key::WsVisibilityPublic,
                Visibility::ReporterAndStaff => Key::WsVisibilityReporter,
                Visibility::Internal => Key::WsVisibilityInternal,
            };
            view! {
                <li>
                    <strong>{t(labels::event(e.kind))}</strong>
                    " · " <span class="hint">{t(visibility)}</span>
                    <br/>
                    <small>
                        {labels::timestamp(e.at, locale)} " · " {t(labels::role(e.actor_role))}
                        {e.actor_name.map(|n| view! { " (" {n} ")" })}
                        {e.agency_name.map(|a| view! { " · " {a} })}
                    </small>
                    {e.body.map(|b| view! { <p class="event-body">{b}</p> })}
                </li>
            }
        })
        .collect_view();
    view! { <ol class="timeline" data-testid="staff-timeline">{items}</ol> }
}

/// What every step form needs.
struct Steps {
    /// The agency the report should go to, as far as anyone said yet.
    target_agency: Option<String>,
    number: String,
    version: i64,
    status: Status,
    role: Role,
    title: String,
    classification: Classification,
    units: Vec<String>,
    agencies: Vec<String>,
    categories: Vec<Choice>,
}

impl Steps {
    fn hidden(&self, step: &'static str) -> impl IntoView {
        view! {
            <input type="hidden" name="nomor" value=self.number.clone()/>
            <input type="hidden" name="langkah" value=step/>
            <input type="hidden" name="versi" value=self.version.to_string()/>
        }
    }

    fn form(&self, action: Action) -> AnyView {
        let code = action.code();
        let fields = match action {
            Action::Verify => self.verify_fields().into_any(),
            Action::Forward => self.agency_field(code, true).into_any(),
            Action::Transfer => {
                view! { {self.agency_field(code, true)} {text_field(code, Key::WsReason, true)} }
                    .into_any()
            }
            Action::Dispose => self.unit_field().into_any(),
            Action::DraftFollowUp => text_field(code, Key::WsFollowUpText, true).into_any(),
            Action::ApproveAndPublish => {
                view! { <p class="hint">{t(Key::WsPublishHint)}</p> }.into_any()
            }
            Action::Close => ().into_any(),
            Action::MarkDuplicate => duplicate_field(code).into_any(),
            _ if action.requires_reason() => text_field(code, Key::WsReason, true).into_any(),
            _ => ().into_any(),
        };
        // The status the step leads to, shown at once while the step is on its way
        // (the script's optimistic update; the server's answer replaces it).
        let next = transition(self.status, action, self.role, Guards::default())
            .ok()
            .map(|next| t(labels::status(next)));
        view! {
            <form method="post" action=STEP_URL class="step" data-step=code data-next-status=next>
                {self.hidden(code)}
                {fields}
                <button type="submit" data-testid=format!("step-{code}")>{t(labels::staff_action(action))}</button>
            </form>
        }
        .into_any()
    }

    fn note_form(&self) -> impl IntoView {
        view! {
            <form method="post" action=STEP_URL class="step" data-step="note">
                {self.hidden("note")}
                {text_field("note", Key::WsNoteText, true)}
                <button type="submit" data-testid="step-note">{t(Key::WsActNote)}</button>
            </form>
        }
    }

    fn verify_fields(&self) -> impl IntoView {
        let current = self.classification;
        view! {
            <label for="verify-judul">{t(Key::WsTitleField)}</label>
            <input id="verify-judul" name="judul" value=self.title.clone() maxlength="150"/>
            <label for="verify-jenis">{t(Key::WsColClassification)}</label>
            <select id="verify-jenis" name="jenis">
                {Classification::ALL.into_iter().map(|c| view! {
                    <option value=c.code() selected=c == current>{t(labels::classification(c))}</option>
                }).collect_view()}
            </select>
            <label for="verify-kategori">{t(Key::WsCategory)}</label>
            <select id="verify-kategori" name="kategori">
                <option value="">{t(Key::WsKeepCategory)}</option>
                {self.categories.iter().map(|c| view! { <option value=c.value.clone()>{c.label.clone()}</option> }).collect_view()}
            </select>
            {self.agency_field(Action::Verify.code(), false)}
        }
    }

    /// The searchable agency picker, filled in with the agency the report should go
    /// to (not for a transfer, which moves it away from there).
    fn agency_field(&self, code: &'static str, required: bool) -> impl IntoView {
        let id = format!("{code}-instansi");
        let list = format!("{code}-daftar");
        let value = (code != Action::Transfer.code())
            .then(|| self.target_agency.clone())
            .flatten()
            .unwrap_or_default();
        view! {
            <label for=id.clone()>{t(Key::WsTargetAgency)}</label>
            <input id=id name="instansi" list=list.clone() required=required value=value autocomplete="off"/>
            <datalist id=list>
                {self.agencies.iter().map(|name| view! { <option value=name.clone()></option> }).collect_view()}
            </datalist>
        }
    }

    fn unit_field(&self) -> impl IntoView {
        view! {
            <label for="dispose-unit">{t(Key::WsFieldUnit)}</label>
            <select id="dispose-unit" name="unit" required>
                <option value="">{t(Key::WsChooseUnit)}</option>
                {self.units.iter().map(|u| view! { <option value=u.clone()>{u.clone()}</option> }).collect_view()}
            </select>
        }
    }
}

fn text_field(code: &'static str, label: Key, required: bool) -> impl IntoView {
    let id = format!("{code}-teks");
    view! {
        <label for=id.clone()>{t(label)}</label>
        <textarea id=id name="teks" rows="3" maxlength="5000" required=required></textarea>
    }
}

/// The number of the report this one is the same as, and what the step does.
fn duplicate_field(step: &'static str) -> impl IntoView {
    let id = format!("{step}-sama-dengan");
    view! {
        <label for=id.clone()>{t(Key::WsFieldDuplicateOf)}</label>
        <input id=id name="sama_dengan" required autocomplete="off" spellcheck="false"
            maxlength="20" placeholder="ABC-DEF-GHJ"/>
        <p class="hint">{t(Key::WsDuplicateHint)}</p>
    }
}
