//! Where attachment bytes live: a small boundary ([`BlobStore`]) so that a bucket can
//! replace the local folder later without touching the rest. Keys are always chosen
//! by the server (random hex); a key from anywhere else is refused.

use std::future::Future;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::pin::Pin;

/// Environment variable naming the folder of [`LocalDirStore`].
pub const UPLOAD_DIR_ENV: &str = "LAPOR_UPLOAD_DIR";
/// The folder used when [`UPLOAD_DIR_ENV`] is not set.
pub const DEFAULT_UPLOAD_DIR: &str = "data/uploads";

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("blob key {0:?} is not one the server makes")]
    BadKey(String),
    #[error("blob storage: {0}")]
    Io(#[from] std::io::Error),
}

pub type BlobFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, BlobError>> + Send + 'a>>;

/// Bytes by server-generated key.
pub trait BlobStore: Send + Sync {
    /// Stores `bytes` durably: once this returns `Ok`, a crash does not lose them.
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> BlobFuture<'a, ()>;
    /// The bytes under `key`; `None` when there are none.
    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Option<Vec<u8>>>;
    /// Removes `key`; removing a missing key is fine.
    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()>;
}

/// One file per key in a local folder.
#[derive(Debug, Clone)]
pub struct LocalDirStore {
    dir: PathBuf,
}

impl LocalDirStore {
    pub fn new(dir: impl Into<PathBuf>) -> LocalDirStore {
        LocalDirStore { dir: dir.into() }
    }

    /// The folder from `LAPOR_UPLOAD_DIR`, or `data/uploads`.
    pub fn from_env() -> LocalDirStore {
        let dir = std::env::var(UPLOAD_DIR_ENV)
            .ok()
            .filter(|d| !d.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_UPLOAD_DIR.to_string());
        LocalDirStore::new(dir)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> Result<PathBuf, BlobError> {
        let well_formed = !key.is_empty()
            && key.len() <= 128
            && key
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !well_formed {
            return Err(BlobError::BadKey(key.to_string()));
        }
        Ok(self.dir.join(key))
    }
}

/// Writes a temporary file, syncs it, renames it into place and syncs the folder: the
/// file is complete under its name or not there at all, even after a power cut.
fn write_durably(dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".tmp-{}", super::random_hex(8)));
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, target)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    std::fs::File::open(dir)?.sync_all()
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> std::io::Result<T> + Send + 'static,
) -> Result<T, BlobError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| BlobError::Io(std::io::Error::other(e)))?
        .map_err(BlobError::Io)
}

impl BlobStore for LocalDirStore {
    fn put<'a>(&'a self, key: &'a str, bytes: Vec<u8>) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let target = self.path(key)?;
            let dir = self.dir.clone();
            blocking(move || write_durably(&dir, &target, &bytes)).await
        })
    }

    fn get<'a>(&'a self, key: &'a str) -> BlobFuture<'a, Option<Vec<u8>>> {
        Box::pin(async move {
            let path = self.path(key)?;
            match tokio::fs::read(path).await {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn delete<'a>(&'a self, key: &'a str) -> BlobFuture<'a, ()> {
        Box::pin(async move {
            let path = self.path(key)?;
            match tokio::fs::remove_file(path).await {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
                _ => Ok(()),
            }
        })
    }
}
