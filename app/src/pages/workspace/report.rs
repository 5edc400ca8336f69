use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::WorkspaceFailed;
use crate::api::workspace::{fetch_report, ReportScreen, StaffEvent, TakeStep};
use crate::api::ApiError;
use crate::components::choice::Choice;
use crate::components::deadline::DeadlineBadge;
use crate::i18n::{fill, t, use_locale, Key};
use crate::labels;
use crate::model::privacy::{AgencyView, ReporterIdentity, StaffReportView};
use crate::model::status::{transition, Guards};
use crate::model::{Action, Classification, Status, TrackingNumber, Visibility};
use crate::paths;

/// `/ruang-kerja/laporan/{number}`: the report, its timeline and the steps the staff
/// member may take now. Each step is a form posting to the step server function: with
/// JavaScript, the island sends it itself, shows where it leads at once (the status,
/// marked `predicted`) and takes the report's fresh parts when the server answers, or
/// gives the status back with the server's reason.
#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let number = move || params.read().get("number").unwrap_or_default();
    let state = StepState {
        action: ServerAction::<TakeStep>::new(),
        // A plain form's failed step comes back with the error in the address (Leptos).
        error: RwSignal::new(super::error_in_address(&query)),
        prediction: RwSignal::new(None),
        changed: RwSignal::new(false),
        open: RwSignal::new(None),
    };
    provide_context(state);
    let reload = RwSignal::new(0_u64);
    let screen = super::page_data(
        move || (number(), reload.get()),
        |(number, _)| fetch_report(number),
    );
    // The step's answer: the fresh report either way (after a refusal too: a colleague
    // may have acted first), and the reason when it was refused.
    Effect::new(move |_| match state.action.value().get() {
        Some(Ok(_)) => {
            state.error.set(None);
            state.open.set(None);
            reload.update(|n| *n += 1);
        }
        Some(Err(error)) => {
            state.error.set(Some(error));
            state.prediction.set(None);
            reload.update(|n| *n += 1);
        }
        None => {}
    });
    // The live stream named this report: its fresh parts, unless the reader is filling
    // a step in (then a notice says the report changed).
    if let Some(news) = super::LiveNews::get() {
        Effect::new(move |heard: Option<u64>| {
            let (count, last) = news.0.get();
            let shown = params.read_untracked().get("number").unwrap_or_default();
            if heard.is_some_and(|heard| heard != count) && last == shown {
                if filling_a_step_in() {
                    state.changed.set(true);
                } else {
                    reload.update(|n| *n += 1);
                }
            }
            count
        });
    }
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match screen.await {
                    Ok(screen) => view! { <ReportView screen/> }.into_any(),
                    Err(error) => view! { <WorkspaceFailed error/> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// A report page's step, as the page shows it.
#[derive(Clone, Copy)]
struct StepState {
    action: ServerAction<TakeStep>,
    /// Why the last step was refused.
    error: RwSignal<Option<ApiError>>,
    /// The status a step on its way leads to, shown until the fresh report is there.
    prediction: RwSignal<Option<Status>>,
    /// The report changed while the reader was filling a step in.
    changed: RwSignal<bool>,
    /// The step open in the panel: kept when fresh data re-renders the page.
    open: RwSignal<Option<&'static str>>,
}

/// A step open in the panel, focus in a step's field, or text typed into one.
#[cfg(not(feature = "ssr"))]
fn filling_a_step_in() -> bool {
    if use_context::<StepState>().is_some_and(|state| state.open.get_untracked().is_some()) {
        return true;
    }
    use wasm_bindgen::JsCast;

    let document = document();
    let focused = document.active_element().is_some_and(|e| {
        e.closest(".step-panel input, .step-panel textarea, .step-panel select")
            .ok()
            .flatten()
            .is_some()
    });
    let typed = document
        .query_selector_all(".step-panel textarea")
        .ok()
        .is_some_and(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i))
                .filter_map(|n| n.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                .any(|area| !area.value().is_empty())
        });
    focused || typed
}

#[cfg(feature = "ssr")]
fn filling_a_step_in() -> bool {
    false
}

#[component]
fn ReportView(screen: ReportScreen) -> impl IntoView {
    let locale = use_locale();
    let state = expect_context::<StepState>();
    // The report as it is now: no step is on its way any more.
    state.prediction.set(None);
    state.changed.set(false);
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
    let error = move || {
        state.error.get().map(|e| {
            view! { <p class="error" role="alert" data-testid="step-error">{super::error_text(&e, locale)}</p> }
        })
    };
    // A step on its way: the status it leads to, at once.
    let (current, role) = (view.status, me.role);
    Effect::new(move |_| {
        let next = state.action.input().with(|input| {
            input
                .as_ref()
                .and_then(|step| Action::from_code(&step.langkah))
                .and_then(|action| transition(current, action, role, Guards::default()).ok())
        });
        if next.is_some() {
            state.prediction.set(next);
        }
    });
    let shown_status = move || t(labels::status(state.prediction.get().unwrap_or(current)));
    let predicted = move || state.prediction.with(Option::is_some);
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
        title: view.title.clone(),
        classification: view.classification,
        units,
        agencies,
        categories,
    };
    // The step that moves the report on comes first and looks it; the others follow.
    let primary = primary_step(&actions);
    let forms = order_steps(actions)
        .into_iter()
        .map(|action| steps.form(action, Some(action) == primary))
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
        status: _,
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
        <p><a href=paths::WORKSPACE_QUEUE data-shortcut="back">{t(Key::WsBackToQueue)}</a></p>
        <div data-live="notice">{error}</div>
        <p class="flash" role="status" hidden=move || !state.changed.get() data-ws-changed>{t(Key::WsChangedByColleague)}</p>
        <div class="report-layout">
            <section class="card" data-live="facts">
                <p class="hint">{tracking_number} " · " {t(labels::classification(classification))} " · " {flags}</p>
                <h1 data-testid="report-title">{title}</h1>
                <p><strong data-testid="report-status" class:predicted=predicted>{shown_status}</strong>
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
            <section class="card step-panel" aria-label=t(Key::WsActions) data-live="actions">
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

    fn form(&self, action: Action, primary: bool) -> AnyView {
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
        step_form(
            StepLook {
                code,
                label: t(labels::staff_action(action)),
                consequence: t(labels::staff_consequence(action)),
                primary,
            },
            self.hidden(code).into_any(),
            fields,
        )
    }

    fn note_form(&self) -> impl IntoView {
        let fields = text_field("note", Key::WsNoteText, true).into_any();
        step_form(
            StepLook {
                code: "note",
                label: t(Key::WsActNote),
                consequence: t(Key::WsConsequenceNote),
                primary: false,
            },
            self.hidden("note").into_any(),
            fields,
        )
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

/// The steps that turn a report away (back to the reporter, archived, a duplicate,
/// to another agency, a draft sent back): never the primary one.
fn turns_away(action: Action) -> bool {
    matches!(
        action,
        Action::ReturnToReporter
            | Action::Archive
            | Action::MarkDuplicate
            | Action::Transfer
            | Action::SendBackDraft
    )
}

/// The step a desk takes most on a report in this state: the first that moves it on.
fn primary_step(actions: &[Action]) -> Option<Action> {
    actions.iter().copied().find(|a| !turns_away(*a))
}

/// The steps as the panel lists them: those that move the report on first (in the
/// state machine's order), then those that turn it away.
fn order_steps(actions: Vec<Action>) -> Vec<Action> {
    let (on, away): (Vec<Action>, Vec<Action>) = actions.into_iter().partition(|a| !turns_away(*a));
    on.into_iter().chain(away).collect()
}

/// How one step shows in the panel.
struct StepLook {
    code: &'static str,
    label: &'static str,
    /// What the step does, in words ("the reporter will read this reason").
    consequence: &'static str,
    primary: bool,
}

/// One step of the panel: a button (the disclosure's summary) that opens only this
/// step's fields, what it will do, confirm and cancel. Opening one closes the others
/// (`<details name>`), with or without JavaScript; without it the form is a plain post.
/// With it, the step server function is called in place; while a step is on its way
/// every step waits, and the one sent says it is saving.
fn step_form(look: StepLook, hidden: AnyView, fields: AnyView) -> AnyView {
    let state = expect_context::<StepState>();
    let StepLook {
        code,
        label,
        consequence,
        primary,
    } = look;
    let busy = state.action.pending();
    let sending = move || {
        busy.get()
            && state
                .action
                .input()
                .with(|input| input.as_ref().is_some_and(|step| step.langkah == code))
    };
    let details = NodeRef::<leptos::html::Details>::new();
    let is_open = move || state.open.get() == Some(code);
    // The browser opens and closes the disclosure (and closes the others of its name):
    // the panel remembers which one is open.
    let toggled = move |_| {
        let Some(element) = details.get_untracked() else {
            return;
        };
        if element.open() {
            state.open.set(Some(code));
        } else if state.open.get_untracked() == Some(code) {
            state.open.set(None);
        }
    };
    // The cancel button closes the step; it exists once the island runs (without
    // JavaScript the step's own button closes it again).
    let awake = RwSignal::new(false);
    Effect::new(move |_| awake.set(true));
    let cancel = move |_| {
        if let Some(details) = details.get() {
            details.set_open(false);
        }
        state.open.set(None);
    };
    view! {
        <details node_ref=details name="langkah" open=is_open on:toggle=toggled class="step" class:step-primary=primary class:pending=sending data-step=code>
            <summary class="step-choice" data-testid=format!("open-{code}")>{label}</summary>
            <ActionForm action=state.action>
                {hidden}
                {fields}
                <p class="hint consequence">{consequence}</p>
                <div class="step-buttons">
                    <button type="submit" disabled=busy data-testid=format!("step-{code}")>
                        {move || if sending() { t(Key::WsSaving) } else { label }}
                    </button>
                    <Show when=move || awake.get()>
                        <button type="button" class="link-button" on:click=cancel>{t(Key::WsCancel)}</button>
                    </Show>
                </div>
            </ActionForm>
        </details>
    }
    .into_any()
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
