//! Tracking numbers: short, easy to read aloud and to type, with a check character.
//!
//! The alphabet has 31 symbols — digits and capital letters without 0, 1, I, L and O,
//! which people confuse. 31 is prime, so a weighted sum modulo 31 catches every
//! single changed character and every swap of two neighbours before any lookup.

use std::fmt;

use serde::{Deserialize, Serialize};

pub const ALPHABET: &[u8; 31] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/// Random symbols in a number (31^8 ≈ 8.5 × 10^11 possibilities).
pub const DATA_LEN: usize = 8;
const GROUP: usize = 3;

/// A well-formed tracking number (its check character is right).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingNumber(String);

/// Why a typed number is not a tracking number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum TrackingError {
    #[error("the number is empty")]
    Empty,
    #[error("the number has the wrong length")]
    WrongLength,
    #[error("the number has a character that is never used")]
    BadCharacter,
    #[error("the number has a typo")]
    CheckFailed,
}

fn value_of(symbol: u8) -> Option<u32> {
    ALPHABET.iter().position(|&s| s == symbol).map(|p| p as u32)
}

fn check_symbol(data: &[u8]) -> u8 {
    let sum: u32 = data
        .iter()
        .enumerate()
        .map(|(i, &s)| (i as u32 + 1) * value_of(s).unwrap_or(0))
        .sum();
    ALPHABET[(sum % 31) as usize]
}

impl TrackingNumber {
    /// Builds a number from eight random values (each taken modulo 31).
    pub fn from_random(values: [u8; DATA_LEN]) -> TrackingNumber {
        let mut symbols: Vec<u8> = values
            .iter()
            .map(|v| ALPHABET[(*v % 31) as usize])
            .collect();
        symbols.push(check_symbol(&symbols));
        TrackingNumber(String::from_utf8_lossy(&symbols).into_owned())
    }

    /// Reads what a person typed: case, spaces and dashes do not matter.
    pub fn parse(input: &str) -> Result<TrackingNumber, TrackingError> {
        let compact: Vec<u8> = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-' && *c != '.')
            .map(|c| c.to_ascii_uppercase() as u32 as u8)
            .collect();
        if compact.is_empty() {
            return Err(TrackingError::Empty);
        }
        if !input.is_ascii() {
            return Err(TrackingError::BadCharacter);
        }
        if compact.len() != DATA_LEN + 1 {
            return Err(TrackingError::WrongLength);
        }
        if compact.iter().any(|&s| value_of(s).is_none()) {
            return Err(TrackingError::BadCharacter);
        }
        let (data, check) = compact.split_at(DATA_LEN);
        if check_symbol(data) != check[0] {
            return Err(TrackingError::CheckFailed);
        }
        Ok(TrackingNumber(
            String::from_utf8_lossy(&compact).into_owned(),
        ))
    }

    /// The compact form used in storage and URLs, e.g. `K7QM3XPAR`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The grouped form people read, e.g. `K7Q-M3X-PAR`.
    pub fn display(&self) -> String {
        self.0
            .as_bytes()
            .chunks(GROUP)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_number_reads_back_whatever_the_case_and_dashes() {
        let n = TrackingNumber::from_random([1, 2, 3, 4, 5, 6, 7, 8]);
        let typed = n.display().to_lowercase();
        assert_eq!(TrackingNumber::parse(&typed), Ok(n.clone()));
        assert_eq!(TrackingNumber::parse(&format!(" {} ", n.as_str())), Ok(n));
    }

    #[test]
    fn confusable_characters_are_never_used() {
        for bad in [b'0', b'1', b'I', b'L', b'O'] {
            assert!(!ALPHABET.contains(&bad));
        }
    }

    #[test]
    fn typed_mistakes_get_a_reason() {
        assert_eq!(TrackingNumber::parse(""), Err(TrackingError::Empty));
        assert_eq!(
            TrackingNumber::parse("ABC"),
            Err(TrackingError::WrongLength)
        );
        assert_eq!(
            TrackingNumber::parse("ABC-DEF-GH0"),
            Err(TrackingError::BadCharacter)
        );
        assert_eq!(
            TrackingNumber::parse("ÄBC-DEF-GHJ"),
            Err(TrackingError::BadCharacter)
        );
    }

    fn any_number() -> impl Strategy<Value = TrackingNumber> {
        proptest::array::uniform8(0u8..31).prop_map(TrackingNumber::from_random)
    }

    proptest! {
        #[test]
        fn any_single_changed_character_is_rejected(
            number in any_number(), position in 0usize..=DATA_LEN, replacement in 0usize..31,
        ) {
            let mut symbols = number.as_str().as_bytes().to_vec();
            prop_assume!(symbols[position] != ALPHABET[replacement]);
            symbols[position] = ALPHABET[replacement];
            let typo = String::from_utf8(symbols).unwrap_or_default();
            prop_assert!(TrackingNumber::parse(&typo).is_err());
        }

        #[test]
        fn swapping_two_neighbours_is_rejected(number in any_number(), position in 0usize..DATA_LEN) {
            let mut symbols = number.as_str().as_bytes().to_vec();
            prop_assume!(symbols[position] != symbols[position + 1]);
            symbols.swap(position, position + 1);
            let typo = String::from_utf8(symbols).unwrap_or_default();
            prop_assert!(TrackingNumber::parse(&typo).is_err());
        }
    }
}
