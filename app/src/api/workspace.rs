//! The agency workspace's server functions: a queue, a report, and one function for
//! every step a staff member takes. Each checks the session and the role on the
//! server; the logic is in `server::workspace`.

// A step's form fields are the function's arguments (a plain form posts them by name).
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;
use crate::components::choice::Choice;
use crate::i18n::Key;
use crate::model::privacy::{AttachmentLink, DeadlineView, StaffReportView};
use crate::model::workspace::DeadlineFilter;
use crate::model::workspace::{BulkStep, Queue, QueueFilter, QueuePage, SavedView};
use crate::model::{
    Action, Channel, Classification, EventKind, Role, Status, Timestamp, Visibility,
};
use crate::paths;

/// Who is signed in, as the header of every workspace page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffBadge {
    pub name: String,
    pub role: Role,
    pub agency_name: Option<String>,
    pub unit: Option<String>,
}

/// The page that brings a social-media post in as a report (`/ruang-kerja/impor`),
/// built by `server::workspace::import` and put in context (it never crosses the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportScreen {
    pub me: StaffBadge,
    /// Only national administrators import; anyone else is told so.
    pub allowed: bool,
    /// What was typed, kept when it could not be imported.
    pub form: crate::model::social::PostForm,
    pub problems: Vec<crate::model::social::PostProblem>,
    /// The import failed on our side (try again).
    pub failed: bool,
}

/// A queue page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueScreen {
    pub me: StaffBadge,
    pub queue: Queue,
    pub page: i64,
    pub filter: QueueFilter,
    pub result: QueuePage,
    pub categories: Vec<Choice>,
    /// The steps the reader may take on a selection of this queue.
    pub bulk: Vec<BulkStep>,
    /// Agencies to forward a selection to (when a bulk step names one), by name.
    pub agencies: Vec<String>,
    /// Units of the reader's agency to dispose a selection to.
    pub units: Vec<String>,
    /// This queue with its filters, as a saved view keeps it.
    pub address: String,
    /// The reader's saved view of exactly this address, if they saved one.
    pub saved: Option<SavedView>,
}

/// A timeline entry as staff read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub at: Timestamp,
    pub actor_role: Role,
    /// The colleague who acted; `None` for the reporter and the system.
    pub actor_name: Option<String>,
    pub kind: EventKind,
    pub status_after: Status,
    pub visibility: Visibility,
    pub body: Option<String>,
    pub agency_name: Option<String>,
}

/// An audit line, for national administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub at: Timestamp,
    pub staff_email: Option<String>,
    pub action: String,
    pub detail: Option<String>,
    pub address: Option<String>,
}

/// A report's page in the workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportScreen {
    pub me: StaffBadge,
    /// Identity only inside `StaffReportView::Admin`, for national administrators.
    pub report: StaffReportView,
    pub timeline: Vec<StaffEvent>,
    pub deadline: Option<DeadlineView>,
    pub attachments: Vec<AttachmentLink>,
    /// The status steps the state machine allows this staff member now.
    pub actions: Vec<Action>,
    pub may_note: bool,
    /// Units to dispose to (agency administrators).
    pub units: Vec<String>,
    /// Agencies to forward or transfer to, by name.
    pub agencies: Vec<String>,
    pub categories: Vec<Choice>,
    /// The report's audit lines, national administrators only.
    pub audit: Option<Vec<AuditLine>>,
}

/// The oversight dashboard (national administrators and oversight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OversightScreen {
    pub me: StaffBadge,
    pub view: crate::model::oversight::OversightView,
}

/// Where reports are late or at risk, per agency and province.
#[server(endpoint = "ruang-kerja/pengawasan")]
pub async fn fetch_oversight() -> Result<OversightScreen, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::oversight_screen(&state, &staff).await
}

/// One staff member's audit lines, for national administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAudit {
    pub me: StaffBadge,
    pub email: String,
    pub lines: Vec<StaffAuditLine>,
    /// How the messages to reporters stand (`server::channels::outbox`).
    pub outbox: OutboxSummary,
}

/// Messages to reporters: how many wait, went, were given up or skipped (STOP), and
/// the ones given up, newest first, with their error (never a recipient).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OutboxSummary {
    pub pending: i64,
    pub sent: i64,
    pub dead: i64,
    pub skipped: i64,
    pub undelivered: Vec<UndeliveredLine>,
}

/// A message given up on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UndeliveredLine {
    pub id: i64,
    /// Compact tracking number.
    pub report: String,
    pub channel: String,
    pub attempts: i64,
    pub error: Option<String>,
}

/// An audit line of one staff member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAuditLine {
    pub at: Timestamp,
    pub action: String,
    /// Compact tracking number, when the line is about a report.
    pub report: Option<String>,
    pub address: Option<String>,
}

/// What a step came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepDone {
    pub status: Status,
    pub version: i64,
}

/// What the sign-in page shows after a refused attempt (put in context by the
/// `POST /masuk` handler).
#[derive(Debug, Clone)]
pub struct SignInNotice {
    pub message: Key,
    pub email: String,
    /// The workspace page to come back to after signing in.
    pub back: Option<String>,
}

/// The URL parameters of a queue page (and of its CSV export, which takes the same).
#[derive(Debug, Clone, PartialEq)]
pub struct QueueQuery {
    pub queue: Option<String>,
    pub filter: QueueFilter,
    /// From 0.
    pub page: Option<i64>,
}

impl QueueQuery {
    /// The address of this queue page as the workspace writes it (parameters in one
    /// order, empty ones left out), or `None` when it names no queue. A saved view keeps
    /// this form; the navigation compares the page it is on in it.
    pub fn address(&self) -> Option<String> {
        let queue = Queue::from_code(self.queue.as_deref()?)?;
        Some(format!(
            "{}?{}",
            paths::WORKSPACE_QUEUE,
            queue_query_string(queue, &self.filter, self.page.unwrap_or(0).max(0))
        ))
    }
}

/// Reads a queue address's parameters by name; unknown values are no filter.
pub fn read_queue_query(get: impl Fn(&str) -> Option<String>) -> QueueQuery {
    let text = |name: &str| get(name).filter(|v| !v.trim().is_empty());
    QueueQuery {
        queue: text("antrean"),
        filter: QueueFilter {
            classification: text("jenis").and_then(|c| Classification::from_code(&c)),
            category_id: text("kategori").and_then(|c| c.parse().ok()),
            region_code: text("wilayah"),
            agency: text("instansi"),
            channel: text("saluran").and_then(|c| Channel::from_code(&c)),
            status: text("status").and_then(|c| Status::from_code(&c)),
            deadline: text("tenggat").and_then(|c| DeadlineFilter::from_code(&c)),
            search: text("cari"),
        },
        page: text("halaman")
            .and_then(|p| p.parse::<i64>().ok())
            .map(|p| p - 1),
    }
}

/// The parameters of a queue address (the inverse of [`read_queue_query`]), page from 0.
pub fn queue_query_string(queue: Queue, filter: &QueueFilter, page: i64) -> String {
    let mut pairs: Vec<(&str, String)> = vec![("antrean", queue.code().to_string())];
    if let Some(c) = filter.classification {
        pairs.push(("jenis", c.code().into()));
    }
    if let Some(c) = filter.category_id {
        pairs.push(("kategori", c.to_string()));
    }
    if let Some(r) = &filter.region_code {
        pairs.push(("wilayah", r.clone()));
    }
    if let Some(a) = &filter.agency {
        pairs.push(("instansi", a.clone()));
    }
    if let Some(c) = filter.channel {
        pairs.push(("saluran", c.code().into()));
    }
    if let Some(s) = filter.status {
        pairs.push(("status", s.code().into()));
    }
    if let Some(d) = filter.deadline {
        pairs.push(("tenggat", d.code().into()));
    }
    if let Some(s) = &filter.search {
        pairs.push(("cari", s.clone()));
    }
    if page > 0 {
        pairs.push(("halaman", (page + 1).to_string()));
    }
    let query: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{k}={}", paths::query_value(&v)))
        .collect();
    query.join("&")
}

/// A page of a queue, filtered. Query names are the page's URL parameters.
#[server(endpoint = "ruang-kerja/antrean")]
pub async fn fetch_queue(
    antrean: Option<String>,
    // No filter at all (every field empty) is sent as nothing.
    #[server(default)] filter: QueueFilter,
    halaman: Option<i64>,
) -> Result<QueueScreen, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::queue_screen(&state, &staff, antrean.as_deref(), filter, halaman)
        .await
}

/// A report as the signed-in staff member may read it.
#[server(endpoint = "ruang-kerja/laporan")]
pub async fn fetch_report(nomor: String) -> Result<ReportScreen, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::report_screen(&state, &staff, &nomor).await
}

/// What staff member `email` did (sign-ins included), newest first; national
/// administrators only.
#[server(endpoint = "ruang-kerja/audit")]
pub async fn fetch_staff_audit(email: String) -> Result<StaffAudit, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::staff_audit(&state, &staff, &email).await
}

/// One step on a report: `langkah` is an action code (`verify`, `forward`, …) or
/// `note`; `versi` is the version the page showed (a report changed since is a
/// `Conflict`). Posted by a plain form (the browser comes back to the report) or by
/// the workspace script (JSON).
#[server(endpoint = "ruang-kerja/langkah")]
pub async fn take_step(
    nomor: String,
    langkah: String,
    versi: i64,
    teks: Option<String>,
    instansi: Option<String>,
    unit: Option<String>,
    judul: Option<String>,
    jenis: Option<String>,
    kategori: Option<String>,
    sama_dengan: Option<String>,
) -> Result<StepDone, ApiError> {
    let (state, staff, address) = crate::server::workspace::signed_in_staff().await?;
    let step = crate::server::workspace::StepForm {
        number: nomor,
        step: langkah,
        version: versi,
        text: teks,
        agency: instansi,
        unit,
        title: judul,
        classification: jenis,
        category: kategori,
        duplicate_of: sama_dengan,
    };
    crate::server::workspace::take_step(&state, &staff, address.as_deref(), step).await
}

/// What the staff frame shows around every workspace page: who is signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskScreen {
    pub me: StaffBadge,
    /// The reader's saved views, by name.
    pub views: Vec<SavedView>,
}

/// The signed-in staff member, for the frame's header and navigation.
#[server(endpoint = "ruang-kerja/meja")]
pub async fn fetch_desk() -> Result<DeskScreen, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::desk_screen(&state, &staff).await
}

/// The dashboard (`/ruang-kerja`): what needs action today, the most urgent reports,
/// and for oversight the agencies with the most overdue reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardScreen {
    pub me: StaffBadge,
    /// Each of the role's dashboard queues with its count (`model::workspace::
    /// dashboard_queues`).
    pub tiles: Vec<(Queue, i64)>,
    /// Overdue reports first, then those due soonest (at most `DASHBOARD_URGENT`).
    pub urgent: Vec<UrgentReport>,
    /// National administrators and oversight: the agencies with the most overdue
    /// reports.
    pub lagging: Option<Vec<crate::model::oversight::AgencyLoad>>,
}

/// A report on the dashboard's most urgent list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrgentReport {
    pub row: crate::model::workspace::QueueRow,
    /// Its clock ran out (otherwise it runs out within two working days).
    pub overdue: bool,
}

#[server(endpoint = "ruang-kerja/dasbor")]
pub async fn fetch_dashboard() -> Result<DashboardScreen, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::dashboard_screen(&state, &staff).await
}

/// The staff member's own account page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountScreen {
    pub me: StaffBadge,
    pub email: String,
    /// Sign-ins and failed attempts on this account, newest first.
    pub sign_ins: Vec<SignInLine>,
    /// Sessions open elsewhere (other browsers or devices).
    pub other_sessions: i64,
}

/// One sign-in (or failed attempt) on the reader's own account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInLine {
    pub at: Timestamp,
    pub address: Option<String>,
    pub failed: bool,
}

/// What an account step came to: how many other sessions were ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDone {
    pub ended_sessions: i64,
}

#[server(endpoint = "ruang-kerja/akun")]
pub async fn fetch_account() -> Result<AccountScreen, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::account_screen(&state, &staff).await
}

/// Changes the signed-in staff member's password: the current one, the new one (the
/// rules of `lapor staff add`) and the same again. Their other sessions end.
#[server(endpoint = "ruang-kerja/kata-sandi")]
pub async fn change_password(
    sandi_lama: String,
    sandi_baru: String,
    sandi_ulang: String,
) -> Result<AccountDone, ApiError> {
    let (state, staff, address) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::change_password(
        &state,
        &staff,
        address.as_deref(),
        &sandi_lama,
        &sandi_baru,
        &sandi_ulang,
    )
    .await
}

/// Ends every session of the signed-in staff member but this one.
#[server(endpoint = "ruang-kerja/keluar-lainnya")]
pub async fn sign_out_elsewhere() -> Result<AccountDone, ApiError> {
    let (state, staff, address) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::sign_out_elsewhere(&state, &staff, address.as_deref()).await
}

/// The address parameter that carries a bulk step's answer back to a queue after a
/// plain form's post.
pub const BULK_ANSWER: &str = "massal";

/// What a bulk step came to, report by report (compact tracking numbers, in the order
/// they were chosen).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct BulkDone {
    pub done: Vec<String>,
    pub refused: Vec<BulkRefusal>,
}

/// A report a bulk step left as it was, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkRefusal {
    pub number: String,
    pub error: ApiError,
}

/// One step on many reports of a queue: `langkah` a `BulkStep` code, `laporan[]` each
/// chosen report as `NUMBER:VERSION` (the version the queue showed), and the one agency,
/// unit or reason the step needs. Each report is taken on its own; the answer says
/// which were done and why the others were not. A plain form comes back to its queue
/// with the answer in the address (`?massal=`).
#[server(endpoint = "ruang-kerja/massal")]
pub async fn take_bulk_step(
    langkah: String,
    #[server(default)] laporan: Vec<String>,
    instansi: Option<String>,
    unit: Option<String>,
    teks: Option<String>,
) -> Result<BulkDone, ApiError> {
    let (state, staff, address) = crate::server::workspace::signed_in_staff().await?;
    let form = crate::server::workspace::BulkForm {
        step: langkah,
        reports: laporan,
        agency: instansi,
        unit,
        text: teks,
    };
    crate::server::workspace::take_bulk_step(&state, &staff, address.as_deref(), form).await
}

/// Saves the queue address `alamat` (its parameters) under the name `nama` for the
/// signed-in staff member; a view of the same name is replaced.
#[server(endpoint = "ruang-kerja/tampilan")]
pub async fn save_view(nama: String, alamat: String) -> Result<SavedView, ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::save_view(&state, &staff, &nama, &alamat).await
}

/// Deletes one of the signed-in staff member's saved views.
#[server(endpoint = "ruang-kerja/tampilan-hapus")]
pub async fn delete_view(id: i64) -> Result<(), ApiError> {
    let (state, staff, _) = crate::server::workspace::signed_in_staff().await?;
    crate::server::workspace::delete_view(&state, &staff, id).await
}
