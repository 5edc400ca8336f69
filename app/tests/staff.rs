//! Staff accounts against real databases (SQLite always, PostgreSQL when
//! `LAPOR_TEST_POSTGRES_URL` is set): one account per email, the password kept only as
//! an Argon2id hash and checked on sign-in.

mod common;

use app::model::staff::check_new_staff;
use app::model::Role;
use common::{on_every_backend, wib};

#[tokio::test]
async fn an_account_signs_in_with_its_password_only() {
    on_every_backend(|store| async move {
        let agency = store
            .agency_id_by_code("kementerian-kesehatan")
            .await
            .expect("lookup")
            .expect("seeded agency");
        let new = check_new_staff(
            "Operator@Kemkes.go.id",
            "Operator Kemkes",
            "unit_operator",
            Some(agency),
            Some("Pelayanan Kesehatan"),
        )
        .expect("a valid account");
        let now = wib("2026-01-08", 9);
        let added = store
            .add_staff(&new, "kata-sandi-yang-panjang", now)
            .await
            .expect("stored")
            .expect("a new account");
        assert_eq!(added.email, "operator@kemkes.go.id");
        assert_eq!(added.role, Role::UnitOperator);
        assert_eq!(added.agency_id, Some(agency));

        // The same email again, in other letters: refused, nothing changes.
        let again = check_new_staff("OPERATOR@kemkes.go.id", "", "liaison", Some(agency), None)
            .expect("valid");
        assert_eq!(
            store
                .add_staff(&again, "lain-lagi-panjang-sekali", now)
                .await
                .expect("ran"),
            None
        );
        assert_eq!(store.staff_accounts().await.expect("list").len(), 1);

        let signed_in = store
            .check_staff_password(" operator@KEMKES.go.id ", "kata-sandi-yang-panjang")
            .await
            .expect("checked");
        assert_eq!(signed_in.map(|a| a.id), Some(added.id));
        for (email, password) in [
            ("operator@kemkes.go.id", "kata-sandi-yang-salah"),
            ("operator@kemkes.go.id", ""),
            ("tidak-ada@kemkes.go.id", "kata-sandi-yang-panjang"),
        ] {
            let refused = store
                .check_staff_password(email, password)
                .await
                .expect("checked");
            assert_eq!(refused, None, "{email} / {password}");
        }
    })
    .await;
}
