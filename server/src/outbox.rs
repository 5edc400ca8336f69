//! `lapor outbox`: the messages to reporters as operators see them — how many wait, were
//! sent or were given up, which were given up and why, and putting one back.

use app::server::state::Clock;
use app::server::storage::Store;
use clap::Subcommand;

#[derive(Subcommand)]
pub enum OutboxCommand {
    /// Counts by state and the messages given up on (dead letters), newest first.
    List,
    /// Puts dead letter ID back in the queue, to be tried at once.
    Retry { id: i64 },
}

pub async fn run(store: &Store, command: OutboxCommand) -> Result<(), String> {
    match command {
        OutboxCommand::List => {
            let counts = store.outbox_counts().await.map_err(|e| e.to_string())?;
            println!(
                "pending {}  sent {}  dead {}  skipped (STOP) {}",
                counts.pending, counts.sent, counts.dead, counts.skipped
            );
            for dead in store.dead_letters(100).await.map_err(|e| e.to_string())? {
                println!(
                    "dead {:>6}  report {}  {}  {} attempts  {}",
                    dead.id,
                    dead.tracking_number,
                    dead.channel,
                    dead.attempts,
                    dead.last_error.unwrap_or_default()
                );
            }
            Ok(())
        }
        OutboxCommand::Retry { id } => {
            if store
                .retry_dead_letter(id, Clock::default().now())
                .await
                .map_err(|e| e.to_string())?
            {
                println!("message {id} queued again");
                Ok(())
            } else {
                Err(format!("no dead letter {id}"))
            }
        }
    }
}
