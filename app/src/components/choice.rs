//! Options for select lists, prepared on the server in the reader's language.

use serde::{Deserialize, Serialize};

/// One option of a select list. It travels as `[value, label, group]` (the JSON of
/// `/wilayah/{code}` and `/instansi`, and the form island's props, where ~80 choices
/// ride on the first load of `/lapor`: field names would be most of their bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "ChoiceWire", into = "ChoiceWire")]
pub struct Choice {
    pub value: String,
    pub label: String,
    /// The option group (a parent category's name, or a regency's province code).
    pub group: Option<String>,
}

/// How a [`Choice`] is written: `[value, label, group]`.
type ChoiceWire = (String, String, Option<String>);

impl From<ChoiceWire> for Choice {
    fn from((value, label, group): ChoiceWire) -> Choice {
        Choice {
            value,
            label,
            group,
        }
    }
}

impl From<Choice> for ChoiceWire {
    fn from(choice: Choice) -> ChoiceWire {
        (choice.value, choice.label, choice.group)
    }
}

/// Every choice the report form offers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormOptions {
    pub categories: Vec<Choice>,
    pub provinces: Vec<Choice>,
}
