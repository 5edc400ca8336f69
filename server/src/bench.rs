//! `lapor bench queue --reports N`: how long the workspace's queue queries take on a
//! database holding N reports. Run it on a scratch database (it adds synthetic reports):
//! `lapor --database-url sqlite:///tmp/bench.db bench queue --reports 1000000`.

use std::time::Instant;

use app::model::workspace::{Queue, QueueFilter};
use app::model::Role;
use app::server::bench::fill_reports;
use app::server::state::Clock;
use app::server::storage::{StaffAccount, Store};
use clap::Subcommand;

#[derive(Subcommand)]
pub enum BenchCommand {
    /// Fill up to N synthetic reports, then time the queue queries (median of 5 runs).
    Queue {
        #[arg(long, default_value_t = 100_000)]
        reports: u64,
    },
}

fn staff(role: Role, agency_id: Option<i64>, unit: Option<&str>) -> StaffAccount {
    StaffAccount {
        id: 0,
        email: "bench@lapor.id".into(),
        name: "bench".into(),
        role,
        agency_id,
        unit: unit.map(str::to_string),
        active: true,
    }
}

pub async fn run(store: &Store, command: BenchCommand) -> Result<(), String> {
    let BenchCommand::Queue { reports } = command;
    let now = Clock::default().now();
    let have = store
        .table_counts()
        .await
        .map_err(|e| format!("count: {e}"))?
        .reports;
    if have < reports as i64 {
        let started = Instant::now();
        let added = fill_reports(store, reports - have as u64, now)
            .await
            .map_err(|e| format!("fill: {e}"))?;
        store
            .settle_after_bulk_load()
            .await
            .map_err(|e| format!("settle: {e}"))?;
        println!(
            "added {added} reports in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let agency = store
        .all_agencies()
        .await
        .map_err(|e| format!("agencies: {e}"))?
        .first()
        .map(|(id, _)| *id);
    let national = staff(Role::NationalAdmin, None, None);
    let admin = staff(Role::AgencyAdmin, agency, None);
    let operator = staff(Role::UnitOperator, agency, Some("Dinas PUPR"));
    let search = QueueFilter {
        search: Some("jembatan puskesmas".into()),
        ..QueueFilter::default()
    };
    let cases: [(&str, &StaffAccount, Queue, &QueueFilter, i64); 6] = [
        (
            "national: to verify, page 1, with 7 counts",
            &national,
            Queue::ToVerify,
            &QueueFilter::default(),
            0,
        ),
        (
            "national: overdue, page 1",
            &national,
            Queue::Overdue,
            &QueueFilter::default(),
            0,
        ),
        (
            "national: all, page 2001 (offset 50,000)",
            &national,
            Queue::All,
            &QueueFilter::default(),
            2000,
        ),
        (
            "national: search two words",
            &national,
            Queue::All,
            &search,
            0,
        ),
        (
            "agency admin: new, page 1, with 9 counts",
            &admin,
            Queue::NewForAgency,
            &QueueFilter::default(),
            0,
        ),
        (
            "unit operator: disposed, page 1",
            &operator,
            Queue::Disposed,
            &QueueFilter::default(),
            0,
        ),
    ];
    println!(
        "{} reports, {:?}",
        have.max(reports as i64),
        store.backend()
    );
    for (name, who, queue, filter, page) in cases {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let result = store
                .work_queue(who, queue, filter, page, now)
                .await
                .map_err(|e| format!("{name}: {e}"))?;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            total = result.total;
        }
        times.sort_by(f64::total_cmp);
        println!("{:>9.1} ms  {name} ({total} match)", times[2]);
    }
    Ok(())
}
