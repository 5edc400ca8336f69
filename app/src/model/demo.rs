//! Socialization (demo) mode: the rules a trainer's laptop runs by, pure.
//!
//! - The **scenario**: about two hundred reports around the demo regency, each with the
//!   steps it went through, on time or late, so queues, deadlines and statistics look
//!   alive. Deterministic: the same plan every reset.
//! - The **time machine**: the demo clock moves forward by working days.
//! - The **projector**: what the hall may see of a report as it arrives.

use super::calendar::{Date, WorkingCalendar};
use super::{Action, Classification, Role};

/// How many reports the scenario holds.
pub const SCENARIO_REPORTS: usize = 200;

/// The most working days the time machine moves in one step.
pub const MAX_ADVANCE: u32 = 30;

/// A story a citizen of the demo regency might send.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Story {
    pub title: &'static str,
    pub body: &'static str,
    pub classification: Classification,
    /// The category's slug (`server/data/categories.csv`).
    pub category: &'static str,
    /// The work unit of the demo regency that handles it.
    pub unit: &'static str,
}

const fn story(
    title: &'static str,
    body: &'static str,
    classification: Classification,
    category: &'static str,
    unit: &'static str,
) -> Story {
    Story {
        title,
        body,
        classification,
        category,
        unit,
    }
}

/// Kecamatan of Kabupaten Jombang (BPS codes), where the scenario's reports happen.
pub const DISTRICTS: [&str; 21] = [
    "3517010", "3517020", "3517030", "3517040", "3517050", "3517060", "3517070", "3517080",
    "3517090", "3517100", "3517110", "3517120", "3517130", "3517140", "3517150", "3517160",
    "3517170", "3517171", "3517180", "3517190", "3517200",
];

use Classification::{Aspiration, Complaint, InformationRequest};

/// The stories the scenario's reports are told from (in Indonesian: they are what
/// citizens write, not interface text).
pub const STORIES: [Story; 16] = [
    story("Jalan desa berlubang dan tergenang", "Jalan utama desa rusak sepanjang kurang lebih 300 meter, berlubang dalam dan tergenang saat hujan. Sudah ada pengendara motor yang jatuh minggu lalu.", Complaint, "jalan-rusak", "Dinas PUPR"),
    story("Saluran air tersumbat, rumah warga kebanjiran", "Saluran di samping pasar tersumbat sampah sehingga setiap hujan deras air masuk ke rumah warga. Mohon segera dibersihkan dan diperlebar.", Complaint, "drainase", "Dinas PUPR"),
    story("Lampu penerangan jalan mati sebulan", "Tiga lampu penerangan jalan di dekat perempatan mati sejak sebulan lalu. Jalan menjadi gelap dan rawan kecelakaan serta kejahatan.", Complaint, "penerangan-jalan", "Dinas PUPR"),
    story("Jembatan kayu penghubung dusun rapuh", "Papan jembatan kayu penghubung dua dusun sudah banyak yang patah. Anak sekolah setiap hari melewatinya. Mohon diperbaiki sebelum ada korban.", Complaint, "jembatan", "Dinas PUPR"),
    story("Antrean panjang di puskesmas sejak subuh", "Warga harus antre sejak subuh untuk mendapat nomor di puskesmas dan pelayanan baru dimulai pukul sembilan. Mohon ada sistem antrean yang lebih baik.", Complaint, "puskesmas", "Dinas Kesehatan"),
    story("Obat kosong di puskesmas pembantu", "Sudah dua minggu obat hipertensi kosong di puskesmas pembantu desa kami, pasien lansia disuruh membeli sendiri di apotek.", Complaint, "puskesmas", "Dinas Kesehatan"),
    story("Kartu BPJS tidak aktif padahal iuran dibayar", "Kartu BPJS Kesehatan keluarga kami dinyatakan tidak aktif saat berobat, padahal iuran selalu dibayar tepat waktu. Mohon dicek datanya.", Complaint, "bpjs-kesehatan", "Dinas Kesehatan"),
    story("Usulan posyandu lansia di balai dusun", "Kami mengusulkan posyandu lansia dibuka sebulan sekali di balai dusun, karena puskesmas jauh dan banyak lansia tidak punya kendaraan.", Aspiration, "puskesmas", "Dinas Kesehatan"),
    story("KTP-el belum jadi setelah tiga bulan", "Saya merekam KTP-el tiga bulan lalu di kecamatan dan sampai sekarang belum jadi. Setiap ditanya jawabannya blanko habis.", Complaint, "ktp-el", "Dinas Kependudukan dan Pencatatan Sipil"),
    story("Bagaimana syarat mengurus akta kelahiran?", "Mohon informasi syarat dan lama pengurusan akta kelahiran untuk anak yang lahir di rumah, serta apakah bisa diurus di kecamatan.", InformationRequest, "akta", "Dinas Kependudukan dan Pencatatan Sipil"),
    story("Bantuan PKH tidak diterima sejak tiga bulan", "Keluarga kami terdaftar sebagai penerima PKH tetapi tiga bulan terakhir bantuan tidak masuk ke rekening. Pendamping tidak bisa dihubungi.", Complaint, "pkh", "Dinas Sosial"),
    story("Usulan pelatihan kerja untuk pemuda desa", "Banyak pemuda desa menganggur setelah lulus SMA. Kami mengusulkan pelatihan keterampilan las dan servis motor di balai latihan kerja.", Aspiration, "bantuan-sosial", "Dinas Sosial"),
    story("Pungutan di sekolah negeri saat daftar ulang", "Saat daftar ulang, sekolah dasar negeri meminta uang seragam dan buku yang harus dibayar tunai tanpa kuitansi.", Complaint, "sekolah", "Dinas Pendidikan"),
    story("Informasi jadwal dan kuota PPDB SMP", "Mohon informasi jadwal, jalur, dan kuota penerimaan peserta didik baru SMP negeri tahun ini, terutama jalur zonasi.", InformationRequest, "ppdb", "Dinas Pendidikan"),
    story("Atap ruang kelas bocor dan hampir roboh", "Atap dua ruang kelas di sekolah dasar kami bocor parah dan kayunya lapuk. Murid dipindah belajar di teras saat hujan.", Complaint, "sekolah", "Dinas Pendidikan"),
    story("Usulan taman baca di kantor desa", "Kami mengusulkan ruang kosong di kantor desa dijadikan taman baca untuk anak-anak, dengan buku bantuan dari perpustakaan daerah.", Aspiration, "bantuan-pendidikan", "Dinas Pendidikan"),
];

/// How far a scenario report got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Still waiting for verification.
    Waiting,
    /// Sent back to the reporter for more detail.
    Returned,
    /// Archived with a reason.
    Archived,
    Verified,
    Forwarded,
    Disposed,
    /// A follow-up drafted, waiting for the liaison officer.
    Drafted,
    /// A follow-up published; the reporter has not answered.
    FollowedUp,
    /// Closed by the agency after its follow-up.
    Closed,
}

/// One step of a scenario report, some working days after the one before.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedStep {
    pub action: Action,
    pub role: Role,
    pub after_working_days: u32,
    /// The reason or follow-up text, where the step carries one.
    pub text: Option<&'static str>,
}

/// One report of the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedReport {
    pub story: Story,
    /// Where it happened: a kecamatan of the demo regency.
    pub district: &'static str,
    /// Working days before the demo's today it was sent.
    pub working_days_ago: u32,
    pub progress: Progress,
    /// Its steps came later than the law allows.
    pub late: bool,
    pub anonymous: bool,
    pub confidential: bool,
}

impl PlannedReport {
    /// The steps that take it to its progress, each after the one before. A step that
    /// would fall after the demo's today is not taken (the plan keeps them before it).
    pub fn steps(&self) -> Vec<PlannedStep> {
        let (verify, draft) = if self.late { (5, 16) } else { (1, 3) };
        let step = |action, role, after_working_days, text| PlannedStep {
            action,
            role,
            after_working_days,
            text,
        };
        let mut steps = Vec::new();
        match self.progress {
            Progress::Waiting => return steps,
            Progress::Returned => {
                steps.push(step(
                    Action::ReturnToReporter,
                    Role::NationalAdmin,
                    verify,
                    Some(RETURN_REASON),
                ));
                return steps;
            }
            Progress::Archived => {
                steps.push(step(
                    Action::Archive,
                    Role::NationalAdmin,
                    verify,
                    Some(ARCHIVE_REASON),
                ));
                return steps;
            }
            _ => {}
        }
        steps.push(step(Action::Verify, Role::NationalAdmin, verify, None));
        let rest = [
            (
                Progress::Forwarded,
                Action::Forward,
                Role::NationalAdmin,
                0,
                None,
            ),
            (
                Progress::Disposed,
                Action::Dispose,
                Role::AgencyAdmin,
                1,
                None,
            ),
            (
                Progress::Drafted,
                Action::DraftFollowUp,
                Role::UnitOperator,
                draft,
                Some(FOLLOW_UP),
            ),
            (
                Progress::FollowedUp,
                Action::ApproveAndPublish,
                Role::LiaisonOfficer,
                1,
                None,
            ),
            (
                Progress::Closed,
                Action::Close,
                Role::LiaisonOfficer,
                2,
                None,
            ),
        ];
        for (reached, action, role, after, text) in rest {
            if rank(self.progress) < rank(reached) {
                break;
            }
            steps.push(step(action, role, after, text));
        }
        steps
    }

    /// Working days from sending to the last step.
    pub fn working_days_needed(&self) -> u32 {
        self.steps().iter().map(|s| s.after_working_days).sum()
    }
}

fn rank(progress: Progress) -> u8 {
    match progress {
        Progress::Waiting | Progress::Returned | Progress::Archived => 0,
        Progress::Verified => 1,
        Progress::Forwarded => 2,
        Progress::Disposed => 3,
        Progress::Drafted => 4,
        Progress::FollowedUp => 5,
        Progress::Closed => 6,
    }
}

const RETURN_REASON: &str =
    "Mohon lengkapi lokasi persisnya (nama dusun/jalan) dan sejak kapan masalah ini terjadi.";
const ARCHIVE_REASON: &str = "Laporan ini bukan pelayanan publik (urusan pribadi antarwarga), sehingga tidak dapat ditindaklanjuti.";
const FOLLOW_UP: &str = "Terima kasih atas laporannya. Petugas sudah meninjau lokasi dan perbaikan dijadwalkan pekan ini; kami kabari lagi bila selesai.";

/// The progress of the scenario's report `index`, spread so that every status has
/// reports and the older ones went further.
const MIX: [Progress; 20] = [
    Progress::Waiting,
    Progress::Waiting,
    Progress::Waiting,
    Progress::Returned,
    Progress::Archived,
    Progress::Verified,
    Progress::Forwarded,
    Progress::Forwarded,
    Progress::Disposed,
    Progress::Disposed,
    Progress::Drafted,
    Progress::Drafted,
    Progress::FollowedUp,
    Progress::FollowedUp,
    Progress::FollowedUp,
    Progress::Closed,
    Progress::Closed,
    Progress::Closed,
    Progress::Closed,
    Progress::Closed,
];

/// The scenario: [`SCENARIO_REPORTS`] reports, the same every time.
pub fn scenario() -> Vec<PlannedReport> {
    (0..SCENARIO_REPORTS).map(planned_report).collect()
}

fn planned_report(index: usize) -> PlannedReport {
    // A fixed scramble of the index, so neighbours differ in every respect.
    let mix = (index as u64)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        .rotate_left(17);
    let pick = |shift: u32, n: usize| ((mix >> shift) as usize) % n;
    let story = STORIES[index % STORIES.len()];
    let progress = MIX[pick(0, MIX.len())];
    let late = pick(8, 10) < 3;
    let mut planned = PlannedReport {
        story,
        district: DISTRICTS[pick(16, DISTRICTS.len())],
        working_days_ago: 0,
        progress,
        late,
        anonymous: pick(24, 10) < 2,
        confidential: pick(32, 20) < 1,
    };
    let needed = planned.working_days_needed();
    let spare = match progress {
        // A few of them already past the 3 days of verification.
        Progress::Waiting => pick(40, 6) as u32,
        // Published 0–9 working days ago: none closed by itself yet; those of 9
        // close themselves when the time machine moves two working days.
        Progress::FollowedUp => pick(40, 10) as u32,
        _ => pick(40, 25) as u32,
    };
    planned.working_days_ago = needed + spare;
    planned
}

/// The calendar days the demo clock moves to go `working_days` working days ahead
/// of `today` (it lands on a working day).
pub fn advance(calendar: &WorkingCalendar, today: Date, working_days: u32) -> i64 {
    let to = calendar.add_working_days(today, working_days.min(MAX_ADVANCE));
    to.unix_days() - today.unix_days()
}

/// The working day `working_days` working days before `today` (today when 0, or the
/// last working day before it when today is a day off).
pub fn working_days_before(calendar: &WorkingCalendar, today: Date, working_days: u32) -> Date {
    let mut day = today;
    while !calendar.is_working_day(day) {
        day = day.previous_day();
    }
    let mut left = working_days;
    while left > 0 {
        day = day.previous_day();
        if calendar.is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// What the projector in the hall shows of an arriving report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectorLine {
    /// Its title (never its reporter).
    Titled(String),
    /// A confidential report: only that one arrived.
    Confidential,
}

impl ProjectorLine {
    pub fn of(title: &str, confidential: bool) -> ProjectorLine {
        if confidential {
            ProjectorLine::Confidential
        } else {
            ProjectorLine::Titled(title.to_string())
        }
    }
}

/// The demo roles a trainer can switch to, in the order a report meets them.
pub const WALK_THROUGH: [Role; 5] = [
    Role::NationalAdmin,
    Role::AgencyAdmin,
    Role::UnitOperator,
    Role::LiaisonOfficer,
    Role::Oversight,
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::status::{transition, Guards, Status};

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::new([Date::from_ymd(2026, 12, 25).expect("date")])
    }

    fn date(text: &str) -> Date {
        Date::parse_iso(text).expect("date")
    }

    #[test]
    fn every_planned_path_is_allowed_by_the_state_machine() {
        for planned in scenario() {
            let mut status = Status::Submitted;
            for step in planned.steps() {
                status = transition(status, step.action, step.role, Guards::default())
                    .unwrap_or_else(|e| panic!("{planned:?}: {step:?} refused: {e:?}"));
                if step.action.requires_reason() {
                    assert!(step.text.is_some(), "{step:?} needs its reason");
                }
            }
        }
    }

    #[test]
    fn the_scenario_has_every_progress_late_and_on_time_and_private_reports() {
        let plan = scenario();
        assert_eq!(plan.len(), SCENARIO_REPORTS);
        for progress in MIX {
            let count = plan.iter().filter(|p| p.progress == progress).count();
            assert!(count >= 5, "{progress:?}: {count}");
        }
        let late = plan
            .iter()
            .filter(|p| p.late && p.progress != Progress::Waiting)
            .count();
        assert!((20..120).contains(&late), "late: {late}");
        assert!(plan.iter().any(|p| p.anonymous));
        assert!(plan.iter().any(|p| p.confidential));
        // Some waiting reports are overdue for verification (3 working days).
        assert!(plan
            .iter()
            .any(|p| p.progress == Progress::Waiting && p.working_days_ago > 3));
        // Every step lies in the past: the last one at least today.
        for p in &plan {
            assert!(p.working_days_needed() <= p.working_days_ago, "{p:?}");
        }
        // Some follow-ups close by themselves two working days into the demo.
        assert!(plan.iter().any(|p| p.progress == Progress::FollowedUp
            && p.working_days_ago - p.working_days_needed() == 9));
        // Some waiting reports still have time to be verified.
        assert!(plan.iter().any(|p| p.progress == Progress::Waiting
            && !p.confidential
            && p.working_days_ago <= 2));
        assert_eq!(plan, scenario(), "the same plan every reset");
    }

    #[test]
    fn advancing_by_working_days_skips_weekends_and_holidays() {
        // Wednesday 23 December 2026 + 2 working days: Thursday 24, (Friday 25 is a
        // holiday, then the weekend) Monday 28.
        assert_eq!(advance(&calendar(), date("2026-12-23"), 2), 5);
        assert_eq!(advance(&calendar(), date("2026-12-23"), 0), 0);
        // Never more than MAX_ADVANCE working days at once.
        assert_eq!(
            advance(&calendar(), date("2026-12-01"), 500),
            advance(&calendar(), date("2026-12-01"), MAX_ADVANCE)
        );
    }

    #[test]
    fn working_days_before_counts_back_over_days_off() {
        let calendar = calendar();
        assert_eq!(
            working_days_before(&calendar, date("2026-12-28"), 1),
            date("2026-12-24")
        );
        assert_eq!(
            working_days_before(&calendar, date("2026-12-27"), 0),
            date("2026-12-24")
        );
        for n in 0..40 {
            let day = working_days_before(&calendar, date("2026-12-28"), n);
            assert_eq!(calendar.add_working_days(day, n), date("2026-12-28"), "{n}");
        }
    }

    #[test]
    fn the_projector_never_shows_what_a_confidential_report_says() {
        assert_eq!(
            ProjectorLine::of("Pungutan liar di kantor desa", true),
            ProjectorLine::Confidential
        );
        assert_eq!(
            ProjectorLine::of("Jalan rusak", false),
            ProjectorLine::Titled("Jalan rusak".into())
        );
    }
}
