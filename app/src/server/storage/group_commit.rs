//! Group commit of submissions on SQLite.
//!
//! SQLite has one writer. When many reports arrive at once (a hall of phones at a
//! socialization session, an SMS flood), each would wait for the writer, then pay for its
//! own `BEGIN`, its own `COMMIT` and its own write of every page it touched (the report
//! tables, their indexes, the full-text index, the statistics rows). Instead, a
//! submission joins a queue and waits for the writer; whoever gets the writer takes
//! everything queued and writes it in one transaction, then answers each waiting sender.
//! A sender is answered only after the transaction holding its report committed.
//!
//! The write runs in a task of its own, so a client that disconnects cannot abandon the
//! reports of others half-written. If any report of a group fails (a reference that is
//! not there, an expired upload, a database error), the group is rolled back and each of
//! its reports is written alone, so one report's problem is only ever its own.

use std::sync::{Arc, Mutex};

use tokio::sync::oneshot;

use super::reports::{write_report, PendingReport, Submission, Written};
use super::{StorageError, Store, WriteTx};

/// At most this many reports per transaction; a longer queue is written in several.
const MAX_GROUP: usize = 64;

/// Reports waiting for the writer, each with the way to answer its sender.
#[derive(Debug, Default)]
pub(super) struct SubmitQueue(Mutex<Vec<Queued>>);

struct Queued {
    pending: PendingReport,
    answer: oneshot::Sender<Result<Submission, StorageError>>,
}

impl std::fmt::Debug for Queued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Queued")
    }
}

impl SubmitQueue {
    fn push(&self, queued: Queued) {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(queued);
    }

    fn take(&self, at_most: usize) -> Vec<Queued> {
        let mut waiting = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let n = waiting.len().min(at_most);
        waiting.drain(..n).collect()
    }

    fn is_empty(&self) -> bool {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).is_empty()
    }
}

impl Store {
    /// Queues `pending` for the writer and waits until its transaction committed (or
    /// failed). SQLite only.
    pub(super) async fn submit_grouped(
        &self,
        pending: PendingReport,
    ) -> Result<Submission, StorageError> {
        let (answer, answered) = oneshot::channel();
        self.submit_queue.push(Queued { pending, answer });
        let gate = Arc::clone(&self.write_gate).lock_owned().await;
        // An earlier holder of the gate may have written this report already.
        if !self.submit_queue.is_empty() {
            let store = self.clone();
            tokio::spawn(async move {
                loop {
                    let group = store.submit_queue.take(MAX_GROUP);
                    if group.is_empty() {
                        break;
                    }
                    store.write_group(group).await;
                }
                drop(gate);
            });
        } else {
            drop(gate);
        }
        answered.await.unwrap_or_else(|_| {
            Err(StorageError::Unavailable(
                "the report could not be written, try again".into(),
            ))
        })
    }

    /// Writes `group` in one transaction (the caller holds the write gate), or each of
    /// its reports alone when any of them fails.
    async fn write_group(&self, mut group: Vec<Queued>) {
        if group.len() == 1 {
            let queued = group.remove(0);
            let result = self.submit_alone(&queued.pending).await;
            let _ = queued.answer.send(result);
            return;
        }
        match self.try_group(&group).await {
            Some(submissions) => {
                for (queued, submission) in group.into_iter().zip(submissions) {
                    let _ = queued.answer.send(Ok(submission));
                }
            }
            None => {
                for queued in group {
                    let result = self.submit_alone(&queued.pending).await;
                    let _ = queued.answer.send(result);
                }
            }
        }
    }

    /// All of `group` in one transaction; `None` (rolled back) when any report fails.
    async fn try_group(&self, group: &[Queued]) -> Option<Vec<Submission>> {
        let mut tx = self.pool.begin().await.ok()?;
        let mut submissions = Vec::with_capacity(group.len());
        for queued in group {
            match write_report(&mut tx, self.backend, &queued.pending).await {
                Ok(Written::Stored(submission)) => submissions.push(submission),
                Ok(Written::UnknownReference) | Err(_) => {
                    let _ = tx.rollback().await;
                    return None;
                }
            }
        }
        tx.commit().await.ok()?;
        Some(submissions)
    }

    /// One report in its own transaction; the caller holds the write gate.
    async fn submit_alone(&self, pending: &PendingReport) -> Result<Submission, StorageError> {
        let tx = WriteTx {
            tx: self.pool.begin().await?,
            _gate: None,
        };
        self.submit_in(tx, pending).await
    }
}
