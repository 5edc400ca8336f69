//! `lapor bench queue --reports N`: how long the workspace's queue queries, the public
//! feed and the statistics take on a database holding N reports. Run it on a scratch database (it adds synthetic reports):
//! `lapor --database-url sqlite:///tmp/bench.db bench queue --reports 1000000`.

use std::time::Instant;

use app::model::public_feed::FeedFilter;
use app::model::statistics::StatisticsQuery;
use app::model::workspace::{Queue, QueueFilter};
use app::model::{Role, Timestamp};
use app::server::bench::fill_reports;
use app::server::state::Clock;
use app::server::storage::{Scope, StaffAccount, Store};
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
        let (ms, said) = median_of_five(|| async {
            let result = store
                .work_queue(who, queue, filter, page, now)
                .await
                .map_err(|e| format!("{name}: {e}"))?;
            Ok(format!("{} match", result.total))
        })
        .await?;
        println!("{ms:>9.1} ms  {name} ({said})");
    }
    public_pages(store, now).await
}

/// The median of five runs of `run`, in milliseconds, with what the last run said.
async fn median_of_five<F, Fut>(mut run: F) -> Result<(f64, String), String>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<String, String>>,
{
    let mut times = Vec::new();
    let mut said = String::new();
    for _ in 0..5 {
        let started = Instant::now();
        said = run().await?;
        times.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[2], said))
}

/// The public feed's pages and the statistics of `/statistik` and an agency page (the
/// agency with the most forwarded reports).
async fn public_pages(store: &Store, now: Timestamp) -> Result<(), String> {
    let today = now.date_wib();
    let query = StatisticsQuery::default_on(today);
    let busiest = store
        .statistics_of(Scope::All, query.from, query.until)
        .await
        .map_err(|e| format!("statistics: {e}"))?
        .agencies
        .into_iter()
        .max_by_key(|a| a.figures.forwarded)
        .map(|a| a.code)
        .unwrap_or_else(|| "kab-3517".into());
    let feeds: [(&str, FeedFilter); 3] = [
        ("feed: first page", FeedFilter::default()),
        (
            "feed: the busiest agency",
            FeedFilter {
                agency: Some(busiest.clone()),
                ..FeedFilter::default()
            },
        ),
        (
            "feed: search two words",
            FeedFilter {
                search: Some("jembatan puskesmas".into()),
                ..FeedFilter::default()
            },
        ),
    ];
    for (name, filter) in feeds {
        let (ms, said) = median_of_five(|| async {
            let page = store
                .public_feed(&filter, None, now)
                .await
                .map_err(|e| format!("{name}: {e}"))?;
            Ok(format!("{} cards", page.cards.len()))
        })
        .await?;
        println!("{ms:>9.1} ms  {name} ({said})");
    }
    let year = StatisticsQuery::from_pairs([("dari", "2026-01-01")], today).0;
    let cases: [(&str, Scope, &StatisticsQuery); 4] = [
        ("statistics: last 90 days, national", Scope::All, &query),
        ("statistics: since 1 January, national", Scope::All, &year),
        (
            "statistics: last 90 days, province 35",
            Scope::Region("35"),
            &query,
        ),
        (
            "statistics: last 90 days, the busiest agency",
            Scope::Agency(&busiest),
            &query,
        ),
    ];
    for (name, scope, query) in cases {
        let (ms, said) = median_of_five(|| async {
            let stats = store
                .statistics_of(scope, query.from, query.until)
                .await
                .map_err(|e| format!("{name}: {e}"))?;
            Ok(format!(
                "{} reports, {} agencies",
                stats.national.received,
                stats.agencies.len()
            ))
        })
        .await?;
        println!("{ms:>9.1} ms  {name} ({said})");
    }
    Ok(())
}
