//! The key that seals reporters' PINs (HMAC-SHA256), kept outside the database.
//!
//! A PIN is six digits, a million possibilities: no hashing cost protects so small a
//! secret once its hash is known (Argon2id at 22 ms a try gives up a PIN in about six
//! core-hours), and paying that cost on every report capped submissions at ~90 a second
//! on two cores. So the PIN is stored as `HMAC-SHA256(key, salt ‖ pin)` with a 32-byte key
//! the database never holds: a copied database (a leaked backup) tells nothing about any
//! PIN without the key, and online guessing meets the lockout (5 wrong PINs lock a report
//! for 15 minutes). The key comes from `LAPOR_SECRET_KEY` (64 hex characters) or the file
//! `LAPOR_SECRET_KEY_FILE` (default `data/lapor-secret.key`, created on first start).

use std::path::Path;

use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

use super::StorageError;

/// What marks a stored PIN hash of this scheme (older ones are Argon2id PHC strings).
const SCHEME: &str = "hmac-sha256";

/// The 32-byte key.
#[derive(Clone)]
pub struct PinKey([u8; 32]);

impl std::fmt::Debug for PinKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinKey(…)")
    }
}

impl PinKey {
    /// A fresh random key: for tests and scratch databases whose PINs need not outlive
    /// the process.
    pub fn random() -> PinKey {
        let mut key = [0u8; 32];
        rand::rng().fill(&mut key);
        PinKey(key)
    }

    /// The key written as 64 hexadecimal characters.
    pub fn from_hex(text: &str) -> Option<PinKey> {
        let text = text.trim();
        if text.len() != 64 {
            return None;
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(text.get(i * 2..i * 2 + 2)?, 16).ok()?;
        }
        Some(PinKey(key))
    }

    fn to_hex(&self) -> String {
        hex(&self.0)
    }

    /// The key in `path`, made (randomly, readable by the owner only) when the file does
    /// not exist yet. Two processes starting at once agree on one key: the file is
    /// published whole, never overwritten.
    pub fn load_or_create(path: &Path) -> Result<PinKey, StorageError> {
        let problem = |what: &str, e: std::io::Error| {
            StorageError::Config(format!("secret key {}: {what}: {e}", path.display()))
        };
        if !path.exists() {
            if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder)
                    .map_err(|e| problem("cannot create its folder", e))?;
            }
            let draft = path.with_extension(format!("new-{}", std::process::id()));
            write_private(&draft, &PinKey::random().to_hex())
                .map_err(|e| problem("cannot write", e))?;
            // A hard link never replaces an existing file: whoever links first wins.
            let linked = std::fs::hard_link(&draft, path);
            let _ = std::fs::remove_file(&draft);
            match linked {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(problem("cannot publish", e)),
            }
        }
        let text = std::fs::read_to_string(path).map_err(|e| problem("cannot read", e))?;
        PinKey::from_hex(&text).ok_or_else(|| {
            StorageError::Config(format!(
                "secret key {}: not 64 hexadecimal characters",
                path.display()
            ))
        })
    }

    fn mac(&self, salt: &[u8], pin: &str) -> Hmac<Sha256> {
        // A 32-byte key is always a valid HMAC key.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
        mac.update(salt);
        mac.update(pin.as_bytes());
        mac
    }

    /// `hmac-sha256$<salt>$<tag>` (hex), with a fresh 16-byte salt.
    pub fn seal(&self, pin: &str) -> String {
        let mut salt = [0u8; 16];
        rand::rng().fill(&mut salt);
        let tag = self.mac(&salt, pin).finalize().into_bytes();
        format!("{SCHEME}${}${}", hex(&salt), hex(&tag))
    }

    /// Whether `pin` is the one sealed in `stored`: `Some(answer)` for a hash of this
    /// scheme (compared in constant time), `None` for another scheme.
    pub fn opens(&self, pin: &str, stored: &str) -> Option<bool> {
        let rest = stored.strip_prefix(SCHEME)?.strip_prefix('$')?;
        let (salt, tag) = rest.split_once('$')?;
        let (Some(salt), Some(tag)) = (unhex(salt), unhex(tag)) else {
            return Some(false);
        };
        Some(self.mac(&salt, pin).verify_slice(&tag).is_ok())
    }
}

/// Lower-case hexadecimal, two digits a byte (stored hashes and the key file).
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_pin_opens_with_its_pin_and_key_only() {
        let key = PinKey::random();
        let sealed = key.seal("012345");
        assert!(sealed.starts_with("hmac-sha256$"));
        assert_eq!(key.opens("012345", &sealed), Some(true));
        assert_eq!(key.opens("012346", &sealed), Some(false));
        assert_eq!(key.opens("12345", &sealed), Some(false));
        assert_eq!(PinKey::random().opens("012345", &sealed), Some(false));
        // The same PIN sealed twice differs (salted), and both open.
        let again = key.seal("012345");
        assert_ne!(sealed, again);
        assert_eq!(key.opens("012345", &again), Some(true));
    }

    #[test]
    fn other_schemes_and_damaged_hashes_are_told_apart() {
        let key = PinKey::random();
        assert_eq!(
            key.opens("012345", "$argon2id$v=19$m=19456,t=2,p=1$abc$def"),
            None
        );
        assert_eq!(key.opens("012345", "hmac-sha256$zz$00"), Some(false));
        assert_eq!(key.opens("012345", "hmac-sha256$00"), None);
    }

    #[test]
    fn the_key_reads_back_from_hex_and_from_its_file() {
        let key = PinKey::random();
        let back = PinKey::from_hex(&key.to_hex()).expect("hex");
        let sealed = key.seal("987654");
        assert_eq!(back.opens("987654", &sealed), Some(true));
        assert!(PinKey::from_hex("abc").is_none());
        assert!(PinKey::from_hex(&"g".repeat(64)).is_none());

        let dir = std::env::temp_dir().join(format!("lapor-key-{}", rand::random::<u32>()));
        let path = dir.join("secret.key");
        let first = PinKey::load_or_create(&path).expect("created");
        let second = PinKey::load_or_create(&path).expect("read back");
        assert_eq!(first.to_hex(), second.to_hex());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o077, 0, "only the owner may read the key");
        }
        std::fs::write(&path, "not a key").expect("write");
        assert!(PinKey::load_or_create(&path).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
