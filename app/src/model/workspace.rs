//! The agency workspace's rules: which reports a staff member may see (their scope),
//! which queues each role works from, what "due soon" means, the actions a staff
//! member may take now, and the limits of a staff session and of sign-in attempts.

use crate::model::codes::codes;
use serde::{Deserialize, Serialize};

use super::calendar::{Date, WorkingCalendar};
use super::report::{Channel, Classification, Timestamp};
use super::status::{available_actions, transition, Guards, Role, Status};
use super::Action;

/// A staff session ends after this long without a request.
pub const SESSION_IDLE_MS: i64 = 30 * 60_000;
/// A staff session ends this long after sign-in, whatever happens.
pub const SESSION_ABSOLUTE_MS: i64 = 12 * 3_600_000;
/// Failed sign-ins are counted over this window.
pub const SIGN_IN_WINDOW_MS: i64 = 15 * 60_000;
/// Failed sign-ins for one account within the window before it is refused for a while.
pub const SIGN_IN_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins from one address within the window before it is refused for a while.
pub const SIGN_IN_FAILURES_PER_ADDRESS: i64 = 20;
/// A queue page holds this many reports.
pub const PAGE_SIZE: i64 = 25;
/// A report is "due soon" when its clock runs out within this many working days.
pub const DUE_SOON_WORKING_DAYS: u32 = 2;

/// The reports a staff member may see at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    /// National administrators and oversight: every report.
    All,
    /// Agency administrators and liaison officers: what their agency handles now.
    Agency(i64),
    /// Unit operators: what their agency disposed to their unit.
    Unit { agency_id: i64, unit: String },
    /// An account that may see nothing (misconfigured or not staff).
    Nothing,
}

/// The scope of a staff member with `role`, working for `agency_id` in `unit`.
pub fn scope_of(role: Role, agency_id: Option<i64>, unit: Option<&str>) -> Scope {
    match (role, agency_id, unit) {
        (Role::NationalAdmin | Role::Oversight, _, _) => Scope::All,
        (Role::AgencyAdmin | Role::LiaisonOfficer, Some(agency), _) => Scope::Agency(agency),
        (Role::UnitOperator, Some(agency_id), Some(unit)) => Scope::Unit {
            agency_id,
            unit: unit.to_string(),
        },
        _ => Scope::Nothing,
    }
}

impl Scope {
    /// Whether a report handled by `agency_id`, disposed to `unit`, is in this scope.
    pub fn covers(&self, agency_id: Option<i64>, unit: Option<&str>) -> bool {
        match self {
            Scope::All => true,
            Scope::Agency(mine) => agency_id == Some(*mine),
            Scope::Unit {
                agency_id: mine,
                unit: my_unit,
            } => agency_id == Some(*mine) && unit == Some(my_unit.as_str()),
            Scope::Nothing => false,
        }
    }
}

codes! {
    /// A list of reports a staff member works from.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Queue {
        /// New reports waiting for verification.
        ToVerify => "verifikasi",
        /// Verified, not yet forwarded.
        ToForward => "teruskan",
        /// Forwarded to my agency, not yet disposed.
        NewForAgency => "baru",
        /// Disposed to a unit, waiting for its draft.
        Disposed => "disposisi",
        /// Drafts waiting for the liaison officer.
        DraftsToApprove => "draf",
        /// The reporter replied: the agency must respond.
        Replied => "dibalas",
        /// Waiting for the reporter (asked for more, or a follow-up was published).
        WaitingForReporter => "menunggu-pelapor",
        /// A clock runs out within two working days.
        DueSoon => "segera",
        /// A clock ran out.
        Overdue => "terlambat",
        /// My work: open reports whose latest staff step was mine, or that are
        /// disposed to my unit.
        Mine => "milik-saya",
        /// Closed or archived.
        Closed => "selesai",
        /// Everything in scope.
        All => "semua",
    }
}

impl Queue {
    /// The statuses a report in this queue may have; every open status for the
    /// deadline queues and `All` (the deadline queues also look at the due date).
    pub fn statuses(self) -> &'static [Status] {
        use Status::*;
        match self {
            Queue::ToVerify => &[Submitted],
            Queue::ToForward => &[Verified],
            Queue::NewForAgency => &[Forwarded],
            Queue::Disposed => &[Disposed],
            Queue::DraftsToApprove => &[FollowUpDrafted],
            Queue::Replied => &[ReporterReplied],
            Queue::WaitingForReporter => &[ReturnedToReporter, FollowedUp],
            Queue::Closed => &[Closed, Archived],
            Queue::DueSoon | Queue::Overdue => &[
                Submitted,
                Verified,
                Forwarded,
                Disposed,
                FollowUpDrafted,
                ReporterReplied,
            ],
            Queue::Mine => &[
                Submitted,
                ReturnedToReporter,
                Verified,
                Forwarded,
                Disposed,
                FollowUpDrafted,
                FollowedUp,
                ReporterReplied,
            ],
            Queue::All => &Status::ALL,
        }
    }
}

/// The queues of an agency's desk: its administrator's, whose first two are the intake
/// (new reports, and those disposed to a unit); its liaison officer works the rest.
const AGENCY_DESK: [Queue; 10] = [
    Queue::NewForAgency,
    Queue::Disposed,
    Queue::DraftsToApprove,
    Queue::Replied,
    Queue::WaitingForReporter,
    Queue::DueSoon,
    Queue::Overdue,
    Queue::Mine,
    Queue::Closed,
    Queue::All,
];

/// The queues a role works from, the first one being where its day starts.
pub fn queues_for(role: Role) -> &'static [Queue] {
    use Queue::*;
    match role {
        Role::NationalAdmin => &[
            ToVerify,
            ToForward,
            WaitingForReporter,
            DueSoon,
            Overdue,
            Mine,
            Closed,
            All,
        ],
        Role::AgencyAdmin => &AGENCY_DESK,
        Role::LiaisonOfficer => &AGENCY_DESK[2..],
        Role::UnitOperator => &[Disposed, Replied, DueSoon, Overdue, Mine, Closed, All],
        Role::Oversight => &[Overdue, DueSoon, All],
        Role::Reporter | Role::System => &[],
    }
}

/// The queues a role's dashboard counts, most pressing first: its day's first queue,
/// then what needs action today (to verify, overdue, due within two working days,
/// drafts awaiting approval, returned by the reporter) where the role works them.
pub fn dashboard_queues(role: Role) -> Vec<Queue> {
    use Queue::*;
    let mine = queues_for(role);
    let mut chosen: Vec<Queue> = mine.first().copied().into_iter().collect();
    for queue in [ToVerify, Overdue, DueSoon, DraftsToApprove, Replied] {
        if mine.contains(&queue) && !chosen.contains(&queue) {
            chosen.push(queue);
        }
    }
    chosen
}

/// How many reports the dashboard lists as most urgent.
pub const DASHBOARD_URGENT: usize = 5;

/// The due-date range of a deadline queue, as ISO dates compared with the stored
/// `due_on`: overdue is due before today; due soon is due today up to the limit.
pub fn due_range(queue: Queue, calendar: &WorkingCalendar, today: Date) -> Option<DueRange> {
    match queue {
        Queue::Overdue => DeadlineFilter::Overdue.range(calendar, today),
        Queue::DueSoon => DeadlineFilter::DueSoon.range(calendar, today),
        _ => None,
    }
}

codes! {
    /// Where a report stands against its running clock, as a filter of any queue.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum DeadlineFilter {
        /// Due before today.
        Overdue => "lewat",
        /// Due from today up to `DUE_SOON_WORKING_DAYS` working days ahead.
        DueSoon => "segera",
        /// Due later than that.
        Later => "nanti",
        /// No clock running (closed, archived, or waiting on nobody's deadline).
        NoClock => "tanpa",
    }
}

impl DeadlineFilter {
    /// The due dates it covers; `None` for `NoClock` (no due date at all).
    pub fn range(self, calendar: &WorkingCalendar, today: Date) -> Option<DueRange> {
        let soon_ends = calendar
            .add_working_days(today, DUE_SOON_WORKING_DAYS)
            .next_day();
        match self {
            DeadlineFilter::Overdue => Some(DueRange {
                from: None,
                before: Some(today),
            }),
            DeadlineFilter::DueSoon => Some(DueRange {
                from: Some(today),
                before: Some(soon_ends),
            }),
            DeadlineFilter::Later => Some(DueRange {
                from: Some(soon_ends),
                before: None,
            }),
            DeadlineFilter::NoClock => None,
        }
    }
}

/// Due dates `from <= due < before`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DueRange {
    pub from: Option<Date>,
    pub before: Option<Date>,
}

/// What a staff member narrows a queue by.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub classification: Option<Classification>,
    pub category_id: Option<i64>,
    /// A region code or the code of a region above it (`35` matches `3517`).
    pub region_code: Option<String>,
    /// An agency's code (the oversight dashboard's drill-down).
    #[serde(default)]
    pub agency: Option<String>,
    pub channel: Option<Channel>,
    pub status: Option<Status>,
    pub deadline: Option<DeadlineFilter>,
    /// Words that must all appear in the title or the story (each as the start of a
    /// word there), or a tracking number.
    pub search: Option<String>,
}

/// A queue export holds at most this many reports (narrow it with filters for more).
pub const EXPORT_MAX_ROWS: i64 = 10_000;

/// At most this many words of a search are used.
pub const SEARCH_WORDS_MAX: usize = 8;
/// A longer word is cut to this many characters (still a prefix of what was meant).
pub const SEARCH_WORD_CHARS_MAX: usize = 40;

/// The words of a staff search, as the full-text index sees words: runs of letters and
/// digits, lower-cased; everything else separates words ("jalan-rusak" is two words).
/// Only letters and digits survive, so a word can be placed in either database's
/// query syntax as it is.
pub fn search_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| {
            word.chars()
                .take(SEARCH_WORD_CHARS_MAX)
                .flat_map(char::to_lowercase)
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .take(SEARCH_WORDS_MAX)
        .collect()
}

/// One line of a queue. No identity field: this is what every role may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub tracking_number: String,
    pub title: String,
    pub classification: Classification,
    pub status: Status,
    pub channel: Channel,
    pub agency_name: Option<String>,
    pub unit: Option<String>,
    pub due_on: Option<Date>,
    pub submitted_at: Timestamp,
    pub anonymous: bool,
    pub confidential: bool,
    /// The version a step taken from the queue names (a bulk step's selection).
    pub version: i64,
}

/// A page of a queue with the count of every queue of the role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub counts: Vec<(Queue, i64)>,
    pub rows: Vec<QueueRow>,
    /// Reports in the chosen queue with the filter.
    pub total: i64,
}

/// Staff steps that change no status: they are always possible for staff in scope
/// (not oversight) while the report is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Extra {
    /// An internal note among staff.
    Note,
}

/// The status steps `role` may take now on a report in `status`.
pub fn staff_actions(status: Status, role: Role) -> Vec<Action> {
    if matches!(role, Role::Reporter | Role::System) {
        return Vec::new();
    }
    available_actions(status, role, Guards::default())
}

codes! {
    /// A step taken on many reports of a queue at once. Each report still goes through
    /// the state machine on its own (its own event and audit line); one refused report
    /// does not hold the others back.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
    pub enum BulkStep {
        /// Verify each report and forward it to one agency (new reports).
        VerifyAndForward => "verifikasi-teruskan",
        /// Forward each verified report to one agency.
        Forward => "teruskan",
        /// Dispose each report to one work unit (agency administrators).
        Dispose => "disposisi",
        /// Archive each report with one reason (duplicates, spam, out of scope).
        Archive => "arsip",
    }
}

/// At most this many reports in one bulk step (four pages of a queue).
pub const BULK_MAX: usize = 100;

impl BulkStep {
    /// The state machine's steps, in order, taken on each report.
    pub fn actions(self) -> &'static [Action] {
        match self {
            BulkStep::VerifyAndForward => &[Action::Verify, Action::Forward],
            BulkStep::Forward => &[Action::Forward],
            BulkStep::Dispose => &[Action::Dispose],
            BulkStep::Archive => &[Action::Archive],
        }
    }

    /// Whether the step names one agency for every report.
    pub fn needs_agency(self) -> bool {
        matches!(self, BulkStep::VerifyAndForward | BulkStep::Forward)
    }

    /// Whether the step names one work unit for every report.
    pub fn needs_unit(self) -> bool {
        self == BulkStep::Dispose
    }

    /// Whether the step carries one reason the reporters read.
    pub fn needs_reason(self) -> bool {
        self.actions().iter().any(|a| a.requires_reason())
    }

    /// Whether `role` may take this step on a report in `status`: every action in
    /// turn, from the status the one before leads to.
    pub fn allowed(self, status: Status, role: Role) -> bool {
        if matches!(role, Role::Reporter | Role::System) {
            return false;
        }
        self.actions()
            .iter()
            .try_fold(status, |now, &action| {
                transition(now, action, role, Guards::default()).ok()
            })
            .is_some()
    }
}

/// The bulk steps `role` is offered on `queue`: those the state machine allows from
/// every status the queue holds (so a selection from it can only be refused because a
/// report changed meanwhile or moved out of scope).
pub fn bulk_steps(queue: Queue, role: Role) -> Vec<BulkStep> {
    if queue == Queue::All || queue == Queue::Mine {
        return Vec::new();
    }
    BulkStep::ALL
        .into_iter()
        .filter(|step| queue.statuses().iter().all(|&s| step.allowed(s, role)))
        .collect()
}

/// A staff member keeps at most this many saved views.
pub const SAVED_VIEWS_MAX: usize = 20;
/// A saved view's name is at most this many characters.
pub const VIEW_NAME_MAX: usize = 60;

/// A queue with its filters, saved under a name by one staff member (their navigation
/// lists it). `address` is a workspace queue address the server wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedView {
    pub id: i64,
    pub name: String,
    pub address: String,
}

/// A saved view's name as typed, tidied (spaces trimmed and runs of them made one,
/// control characters dropped), or why it cannot be one.
pub fn view_name(typed: &str) -> Result<String, super::validation::Problem> {
    let name = typed
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    match super::validation::length_problem(&name, 1, VIEW_NAME_MAX) {
        Some(problem) => Err(problem),
        None => Ok(name),
    }
}

/// Whether `role` may add an internal note now.
pub fn may_note(role: Role) -> bool {
    matches!(
        role,
        Role::NationalAdmin | Role::AgencyAdmin | Role::LiaisonOfficer | Role::UnitOperator
    )
}

/// Whether `role` may read the audit log (who did what).
pub fn may_read_audit(role: Role) -> bool {
    role == Role::NationalAdmin
}

/// Whether a failed sign-in count means the next attempt must wait.
pub fn sign_in_throttled(failures_for_account: i64, failures_from_address: i64) -> bool {
    failures_for_account >= SIGN_IN_FAILURES_PER_ACCOUNT
        || failures_from_address >= SIGN_IN_FAILURES_PER_ADDRESS
}

/// Whether a session that began at `created_at` and was last used at `last_seen_at`
/// is still alive at `now`.
pub fn session_alive(created_at: i64, last_seen_at: i64, now: i64) -> bool {
    now - last_seen_at < SESSION_IDLE_MS && now - created_at < SESSION_ABSOLUTE_MS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dashboard_starts_with_its_roles_first_queue_and_counts_only_its_queues() {
        for role in Role::STAFF {
            let tiles = dashboard_queues(role);
            assert_eq!(tiles.first(), queues_for(role).first(), "{role:?}");
            assert!(
                tiles.iter().all(|q| queues_for(role).contains(q)),
                "{role:?}"
            );
            assert!(tiles.contains(&Queue::Overdue), "{role:?}");
        }
        assert_eq!(
            dashboard_queues(Role::NationalAdmin),
            [Queue::ToVerify, Queue::Overdue, Queue::DueSoon]
        );
        assert!(dashboard_queues(Role::LiaisonOfficer).contains(&Queue::DraftsToApprove));
        assert!(dashboard_queues(Role::Reporter).is_empty());
    }

    #[test]
    fn agency_staff_see_only_their_agency_and_operators_only_their_unit() {
        let admin = scope_of(Role::AgencyAdmin, Some(7), None);
        assert!(admin.covers(Some(7), None));
        assert!(!admin.covers(Some(8), None));
        assert!(!admin.covers(None, None));
        let operator = scope_of(Role::UnitOperator, Some(7), Some("Dinas PU"));
        assert!(operator.covers(Some(7), Some("Dinas PU")));
        assert!(!operator.covers(Some(7), Some("Dinas Kesehatan")));
        assert!(!operator.covers(Some(7), None));
        assert!(scope_of(Role::Oversight, None, None).covers(Some(1), None));
        assert_eq!(scope_of(Role::AgencyAdmin, None, None), Scope::Nothing);
        assert_eq!(scope_of(Role::Reporter, Some(7), None), Scope::Nothing);
    }

    #[test]
    fn every_staff_role_has_queues_and_codes_round_trip() {
        for role in Role::STAFF {
            assert!(!queues_for(role).is_empty(), "{role:?}");
        }
        for queue in Queue::ALL {
            assert_eq!(Queue::from_code(queue.code()), Some(queue));
        }
    }

    #[test]
    fn due_soon_spans_today_to_two_working_days_ahead() {
        let calendar = WorkingCalendar::default();
        // Friday 2026-11-20: two working days ahead is Tuesday 24th.
        let today = Date::from_ymd(2026, 11, 20).expect("date");
        let range = due_range(Queue::DueSoon, &calendar, today).expect("a range");
        assert_eq!(range.from, Some(today));
        assert_eq!(range.before, Date::from_ymd(2026, 11, 25));
        let overdue = due_range(Queue::Overdue, &calendar, today).expect("a range");
        assert_eq!(overdue.before, Some(today));
    }

    #[test]
    fn deadline_filters_split_the_calendar_without_gaps_or_overlaps() {
        let calendar = WorkingCalendar::default();
        let today = Date::from_ymd(2026, 11, 20).expect("date");
        let ranges: Vec<DueRange> = [
            DeadlineFilter::Overdue,
            DeadlineFilter::DueSoon,
            DeadlineFilter::Later,
        ]
        .into_iter()
        .map(|d| d.range(&calendar, today).expect("a range"))
        .collect();
        assert_eq!(ranges[0].from, None);
        assert_eq!(ranges[0].before, ranges[1].from);
        assert_eq!(ranges[1].before, ranges[2].from);
        assert_eq!(ranges[2].before, None);
        assert_eq!(DeadlineFilter::NoClock.range(&calendar, today), None);
        for filter in DeadlineFilter::ALL {
            assert_eq!(DeadlineFilter::from_code(filter.code()), Some(filter));
        }
    }

    #[test]
    fn sessions_end_when_idle_or_old() {
        assert!(session_alive(0, 0, SESSION_IDLE_MS - 1));
        assert!(!session_alive(0, 0, SESSION_IDLE_MS));
        let late = SESSION_ABSOLUTE_MS;
        assert!(!session_alive(0, late - 1, late));
    }

    #[test]
    fn sign_ins_slow_down_per_account_and_per_address() {
        assert!(!sign_in_throttled(4, 19));
        assert!(sign_in_throttled(5, 0));
        assert!(sign_in_throttled(0, 20));
    }

    #[test]
    fn search_words_are_letters_and_digits_only() {
        assert_eq!(
            search_words("  Jalan-RUSAK, dekat SDN 3!"),
            ["jalan", "rusak", "dekat", "sdn", "3"]
        );
        assert_eq!(search_words("\"x\"* OR y:* & (z)"), ["x", "or", "y", "z"]);
        assert_eq!(search_words("Çağrı"), ["çağrı"]);
        assert!(search_words("%_*\"'").is_empty());
        assert_eq!(search_words("a b c d e f g h i j").len(), SEARCH_WORDS_MAX);
        let long = "x".repeat(100);
        assert_eq!(search_words(&long)[0].len(), SEARCH_WORD_CHARS_MAX);
    }

    #[test]
    fn bulk_steps_are_offered_only_where_every_report_of_the_queue_allows_them() {
        use BulkStep::*;
        assert_eq!(
            bulk_steps(Queue::ToVerify, Role::NationalAdmin),
            [VerifyAndForward, Archive]
        );
        assert_eq!(
            bulk_steps(Queue::ToForward, Role::NationalAdmin),
            [Forward, Archive]
        );
        assert_eq!(
            bulk_steps(Queue::NewForAgency, Role::AgencyAdmin),
            [Dispose]
        );
        assert_eq!(bulk_steps(Queue::Disposed, Role::AgencyAdmin), [Dispose]);
        // Mixed statuses (deadline queues, everything, my work), or a role that may
        // not take the step: nothing in bulk.
        for role in Role::STAFF {
            for queue in [Queue::Overdue, Queue::DueSoon, Queue::All, Queue::Mine] {
                assert!(bulk_steps(queue, role).is_empty(), "{queue:?} {role:?}");
            }
        }
        for queue in Queue::ALL {
            assert!(bulk_steps(queue, Role::Oversight).is_empty());
            assert!(bulk_steps(queue, Role::UnitOperator).is_empty());
            assert!(bulk_steps(queue, Role::Reporter).is_empty());
        }
        assert!(bulk_steps(Queue::ToVerify, Role::AgencyAdmin).is_empty());
        // Every offer holds by the state machine, status by status.
        for role in Role::STAFF {
            for queue in Queue::ALL {
                for step in bulk_steps(queue, role) {
                    for &status in queue.statuses() {
                        let mut now = status;
                        for &action in step.actions() {
                            now = transition(now, action, role, Guards::default())
                                .unwrap_or_else(|e| panic!("{step:?} {status:?}: {e}"));
                        }
                    }
                }
            }
        }
        assert!(Archive.needs_reason() && !VerifyAndForward.needs_reason());
        assert!(VerifyAndForward.needs_agency() && Dispose.needs_unit());
    }

    #[test]
    fn my_work_is_open_reports_for_every_role_that_acts() {
        for role in Role::STAFF {
            let has = queues_for(role).contains(&Queue::Mine);
            assert_eq!(has, role != Role::Oversight, "{role:?}");
        }
        assert!(Queue::Mine.statuses().iter().all(|s| !s.is_final()));
    }

    #[test]
    fn a_view_name_is_tidied_and_bounded() {
        use super::super::validation::Problem;
        assert_eq!(
            view_name("  Jalan\t rusak\n Jombang ").as_deref(),
            Ok("Jalan rusak Jombang")
        );
        assert_eq!(view_name(" \u{7} "), Err(Problem::Required));
        assert_eq!(
            view_name(&"x".repeat(VIEW_NAME_MAX + 1)),
            Err(Problem::TooLong { max: VIEW_NAME_MAX })
        );
        assert!(view_name(&"é".repeat(VIEW_NAME_MAX)).is_ok());
    }

    #[test]
    fn oversight_reads_but_never_acts() {
        for status in Status::ALL {
            assert!(staff_actions(status, Role::Oversight).is_empty());
        }
        assert!(!may_note(Role::Oversight));
    }
}
