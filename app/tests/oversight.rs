//! The oversight dashboard on a fresh database of every backend: late and at-risk
//! reports counted per agency and per province, the late verifications and reopened
//! reports, and who may read it.

mod common;

use app::api::ApiError;
use app::model::staff::check_new_staff;
use app::model::validation::{validate, ReportForm};
use app::model::{Action, Timestamp, TrackingNumber};
use app::server::storage::{ActionArgs, Store};
use common::messages::{national_admin, staff_step};
use common::on_every_backend;

async fn submit(store: &Store, title: &str, now: Timestamp) -> TrackingNumber {
    let form = ReportForm {
        classification: "pengaduan".into(),
        title: title.into(),
        body: format!("{title}: sudah berbulan-bulan begini dan warga sangat dirugikan."),
        region_code: "3517".into(),
        anonymous: Some("on".into()),
        ..Default::default()
    };
    let report = validate(&form, now.date_wib()).expect("valid");
    store
        .submit_report(&report, now)
        .await
        .expect("stored")
        .tracking_number
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn late_reports_are_counted_per_agency_and_province_and_only_overseers_read_them() {
    on_every_backend(|store| async move {
        let national = national_admin(&store).await;
        let now = app::server::state::Clock::default().now();
        let waiting = submit(&store, "Jalan berlubang belum diverifikasi", now).await;
        let forwarded = submit(&store, "Lampu jalan mati di pasar desa", now).await;
        let (_, jombang) = common::test_agencies(&store).await;
        staff_step(
            &store,
            &national,
            &forwarded,
            Action::Verify,
            ActionArgs::default(),
        )
        .await;
        let to_jombang = ActionArgs {
            agency_id: Some(jombang),
            ..ActionArgs::default()
        };
        staff_step(&store, &national, &forwarded, Action::Forward, to_jombang).await;

        // Today nothing is late.
        let today = store.oversight(now).await.expect("oversight");
        assert_eq!(today.unverified_late, 0);
        assert!(today.agencies.iter().all(|a| a.overdue == 0), "{today:?}");
        // Two months on, both clocks have run out.
        let later = Timestamp(now.0 + 61 * 86_400_000);
        let view = store.oversight(later).await.expect("oversight");
        assert_eq!(
            view.unverified_late, 1,
            "{waiting:?} waits for verification"
        );
        assert_eq!(view.agencies.len(), 1, "{view:?}");
        let agency = &view.agencies[0];
        assert_eq!(
            (
                agency.name.as_str(),
                agency.open,
                agency.overdue,
                agency.at_risk
            ),
            ("Kabupaten Jombang", 1, 1, 0)
        );
        assert_eq!(view.regions.len(), 1, "{view:?}");
        assert_eq!(view.regions[0].code, "35");
        assert_eq!(view.regions[0].overdue, 2, "both reports are in Jawa Timur");
        assert_eq!(view.reopened, 0);

        // The drill-down: the agency's late queue holds the forwarded report.
        let filter = app::model::workspace::QueueFilter {
            agency: Some(agency.code.clone()),
            ..Default::default()
        };
        let page = store
            .work_queue(
                &national,
                app::model::workspace::Queue::All,
                &filter,
                0,
                later,
            )
            .await
            .expect("queue");
        assert_eq!(page.rows.len(), 1);
        assert_eq!(page.rows[0].tracking_number, forwarded.as_str());

        // Who may read it: national administrators and oversight; not an agency's staff.
        let state = app::server::state::AppState::new(
            store.clone(),
            leptos::prelude::LeptosOptions::builder()
                .output_name("lapor")
                .build(),
            app::server::state::Clock::default(),
        );
        let admin = check_new_staff(
            "admin@jombang.test",
            "",
            "agency_admin",
            Some(jombang),
            None,
        )
        .expect("valid");
        let admin = store
            .add_staff(&admin, "kata-sandi-yang-panjang", now)
            .await
            .expect("stored")
            .expect("new");
        let refused = app::server::workspace::oversight_screen(&state, &admin).await;
        assert!(matches!(refused, Err(ApiError::Refused(_))), "{refused:?}");
        let screen = app::server::workspace::oversight_screen(&state, &national)
            .await
            .expect("national administrators read it");
        assert_eq!(screen.view.unverified_late, 0, "today");
    })
    .await;
}
