//! Staff accounts: who may sign in to the agency workspace, with which role, for which
//! agency. The rules for a new account live here once (the CLI and, later, the
//! administrators' screen use them); storage only keeps what passed.

use super::Role;

/// The shortest password a staff account may have.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// The longest password accepted (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A staff account as asked for, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewStaff {
    /// Lower-cased, trimmed: the sign-in name.
    pub email: String,
    pub name: String,
    pub role: Role,
    /// The agency's id; `None` only for national administrators and oversight.
    pub agency_id: Option<i64>,
    /// The unit inside the agency (unit operators).
    pub unit: Option<String>,
}

/// Why an account cannot be made as asked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StaffError {
    #[error("{0:?} is not an email address")]
    Email(String),
    #[error("{0:?} is not a staff role: use national_admin, agency_admin, liaison, unit_operator or oversight")]
    Role(String),
    #[error("a {0} works for one agency: give --agency")]
    AgencyRequired(&'static str),
    #[error("a unit operator works in one unit: give --unit")]
    UnitRequired,
    #[error("the password must have {PASSWORD_MIN_CHARS} to {PASSWORD_MAX_CHARS} characters")]
    Password,
}

/// The roles a staff account may hold (not the reporter, not the server itself).
pub fn staff_role(code: &str) -> Result<Role, StaffError> {
    Role::from_code(code)
        .filter(|role| !matches!(role, Role::Reporter | Role::System))
        .ok_or_else(|| StaffError::Role(code.to_string()))
}

/// Whether the role is tied to one agency.
pub fn needs_agency(role: Role) -> bool {
    matches!(
        role,
        Role::AgencyAdmin | Role::LiaisonOfficer | Role::UnitOperator
    )
}

/// `email` lower-cased and trimmed, if it looks like an address (one `@`, a dotted
/// domain, no spaces); the mail server is the final judge.
pub fn normalise_email(email: &str) -> Result<String, StaffError> {
    let email = email.trim().to_lowercase();
    let valid = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
                && email.len() <= 254
        }
        None => false,
    };
    if valid {
        Ok(email)
    } else {
        Err(StaffError::Email(email))
    }
}

/// Checks a new account's parts together.
pub fn check_new_staff(
    email: &str,
    name: &str,
    role: &str,
    agency_id: Option<i64>,
    unit: Option<&str>,
) -> Result<NewStaff, StaffError> {
    let email = normalise_email(email)?;
    let role = staff_role(role)?;
    if needs_agency(role) && agency_id.is_none() {
        return Err(StaffError::AgencyRequired(role.code()));
    }
    let unit = unit
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_string);
    if role == Role::UnitOperator && unit.is_none() {
        return Err(StaffError::UnitRequired);
    }
    let name = match name.trim() {
        "" => email.split('@').next().unwrap_or_default().to_string(),
        given => given.to_string(),
    };
    Ok(NewStaff {
        email,
        name,
        role,
        agency_id,
        unit,
    })
}

/// A password a staff member may choose.
pub fn check_password(password: &str) -> Result<(), StaffError> {
    let length = password.chars().count();
    if (PASSWORD_MIN_CHARS..=PASSWORD_MAX_CHARS).contains(&length) {
        Ok(())
    } else {
        Err(StaffError::Password)
    }
}

/// What is wrong with a password change as typed on the account page: the current
/// password missing, the new one outside the rules of `check_password`, the repeat
/// different, or the new one the same as the current.
pub fn check_password_change(
    current: &str,
    new: &str,
    repeat: &str,
) -> Vec<crate::model::validation::FieldError> {
    use crate::model::validation::{Field, FieldError, Problem};
    let mut problems = Vec::new();
    let mut problem = |field, problem| problems.push(FieldError { field, problem });
    if current.is_empty() {
        problem(Field::Password, Problem::Required);
    }
    let length = new.chars().count();
    if new.is_empty() {
        problem(Field::NewPassword, Problem::Required);
    } else if length < PASSWORD_MIN_CHARS {
        problem(
            Field::NewPassword,
            Problem::TooShort {
                min: PASSWORD_MIN_CHARS,
            },
        );
    } else if length > PASSWORD_MAX_CHARS {
        problem(
            Field::NewPassword,
            Problem::TooLong {
                max: PASSWORD_MAX_CHARS,
            },
        );
    } else if new == current {
        problem(Field::NewPassword, Problem::Invalid);
    }
    if repeat != new {
        problem(Field::NewPasswordRepeat, Problem::Invalid);
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_role_needs_its_agency_and_an_operator_its_unit() {
        assert_eq!(
            check_new_staff("a@b.go.id", "", "agency_admin", None, None),
            Err(StaffError::AgencyRequired("agency_admin"))
        );
        assert_eq!(
            check_new_staff("a@b.go.id", "", "unit_operator", Some(7), None),
            Err(StaffError::UnitRequired)
        );
        let national = check_new_staff(" Admin@LAPOR.go.id ", "", "national_admin", None, None)
            .expect("national administrators need no agency");
        assert_eq!(national.email, "admin@lapor.go.id");
        assert_eq!(national.name, "admin");
        assert_eq!(national.role, Role::NationalAdmin);
    }

    #[test]
    fn only_staff_roles_and_real_addresses_are_accepted() {
        for role in ["reporter", "system", "boss"] {
            assert!(
                matches!(staff_role(role), Err(StaffError::Role(_))),
                "{role}"
            );
        }
        for email in ["", "nobody", "a@b", "a @b.id", "@b.id", "a@.id", "a@b.id."] {
            assert!(normalise_email(email).is_err(), "{email}");
        }
    }

    #[test]
    fn a_password_change_needs_the_current_one_a_valid_new_one_typed_twice() {
        use crate::model::validation::{Field, Problem};
        let fields = |c: &str, n: &str, r: &str| {
            check_password_change(c, n, r)
                .into_iter()
                .map(|e| (e.field, e.problem))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields("lama-sekali-1", "baru-dan-panjang", "baru-dan-panjang"),
            []
        );
        assert_eq!(
            fields("", "baru-dan-panjang", "baru-dan-panjang"),
            [(Field::Password, Problem::Required)]
        );
        assert_eq!(
            fields("lama-sekali-1", "pendek", "pendek"),
            [(Field::NewPassword, Problem::TooShort { min: 12 })]
        );
        assert_eq!(
            fields("lama-sekali-1", &"x".repeat(129), &"x".repeat(129)),
            [(Field::NewPassword, Problem::TooLong { max: 128 })]
        );
        assert_eq!(
            fields("lama-sekali-1", "lama-sekali-1", "lama-sekali-1"),
            [(Field::NewPassword, Problem::Invalid)]
        );
        assert_eq!(
            fields("lama-sekali-1", "baru-dan-panjang", "baru-dan-panjanG"),
            [(Field::NewPasswordRepeat, Problem::Invalid)]
        );
    }

    #[test]
    fn passwords_have_twelve_to_128_characters() {
        assert_eq!(check_password("pendek"), Err(StaffError::Password));
        assert_eq!(check_password("cukup-panjang-12"), Ok(()));
        assert_eq!(check_password(&"x".repeat(129)), Err(StaffError::Password));
    }
}
