//! Options for select lists, prepared on the server in the reader's language.

use serde::{Deserialize, Serialize};

/// One option of a select list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// The option group (a parent category's name, or a regency's province code).
    pub group: Option<String>,
}

/// Every choice the report form offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub categories: Vec<Choice>,
    pub provinces: Vec<Choice>,
}
