//! The oversight dashboard: where reports are late or about to be, per agency and per
//! province, for those who watch the whole system (national administrators and
//! oversight, who read but never act). Counts only: no report, no identity.

use serde::{Deserialize, Serialize};

use crate::model::status::Role;

/// Rows of each table at most (the worst first).
pub const OVERSIGHT_ROWS: i64 = 30;

/// An agency's load: its open reports with a running clock, how many are past their
/// deadline, how many are due within the due-soon window.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgencyLoad {
    pub code: String,
    pub name: String,
    pub open: i64,
    pub overdue: i64,
    pub at_risk: i64,
}

/// A province's load (its reports in any agency).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct RegionLoad {
    pub code: String,
    pub name: String,
    pub overdue: i64,
    pub at_risk: i64,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OversightView {
    /// Agencies with late or at-risk reports, most late first.
    pub agencies: Vec<AgencyLoad>,
    /// Provinces with late or at-risk reports, most late first.
    pub regions: Vec<RegionLoad>,
    /// Reports still waiting for verification past its 3 working days.
    pub unverified_late: i64,
    /// Reports their reporters reopened (unhappy with the follow-up).
    pub reopened: i64,
}

/// Who may read the dashboard.
pub fn may_oversee(role: Role) -> bool {
    matches!(role, Role::NationalAdmin | Role::Oversight)
}
