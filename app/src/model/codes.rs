//! Closed sets with a stable text code for each member (stored in the database, sent
//! in forms and addresses): the codes are written once, beside the variants' names.

/// Declares a closed set with its codes beside its variants:
///
/// ```ignore
/// codes! {
///     /// Where a report came in.
///     #[derive(Debug, Clone, Copy, PartialEq, Eq)]
///     pub enum Channel {
///         Web => "web",
///         Sms => "sms",
///     }
/// }
/// ```
///
/// gives the enum, `ALL` (every variant, in this order), `code()` and `from_code()`.
macro_rules! codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $($(#[$variant_meta:meta])* $variant:ident => $code:literal),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            /// Every variant, in order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// The stable code, as stored and as written in forms and addresses.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code),+
                }
            }

            /// The variant with this code.
            pub fn from_code(code: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.code() == code)
            }
        }
    };
}

pub(crate) use codes;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use crate::model::agency::AgencyKind;
    use crate::model::workspace::{DeadlineFilter, Queue};
    use crate::model::{Action, Channel, Classification, Role, Status, Visibility};

    /// Every code is unique within its set and reads back as its own variant.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: &[T],
        code: fn(T) -> &'static str,
        from: fn(&str) -> Option<T>,
    ) {
        let codes: HashSet<_> = all.iter().map(|v| code(*v)).collect();
        assert_eq!(codes.len(), all.len(), "duplicate codes in {all:?}");
        for v in all {
            assert_eq!(from(code(*v)), Some(*v));
        }
        assert_eq!(from("no-such-code"), None);
    }

    #[test]
    fn every_code_is_unique_and_reads_back_as_its_variant() {
        round_trips(
            &Classification::ALL,
            Classification::code,
            Classification::from_code,
        );
        round_trips(&Channel::ALL, Channel::code, Channel::from_code);
        round_trips(&Queue::ALL, Queue::code, Queue::from_code);
        round_trips(
            &DeadlineFilter::ALL,
            DeadlineFilter::code,
            DeadlineFilter::from_code,
        );
        round_trips(&Visibility::ALL, Visibility::code, Visibility::from_code);
        round_trips(&AgencyKind::ALL, AgencyKind::code, AgencyKind::from_code);
        round_trips(&Status::ALL, Status::code, Status::from_code);
        round_trips(&Role::ALL, Role::code, Role::from_code);
        round_trips(&Action::ALL, Action::code, Action::from_code);
    }
}
