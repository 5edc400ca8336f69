//! The starter category tree of the report form. Administrators may extend it later.

/// A category and its children: `(slug, Indonesian name, English name)`.
pub struct CategorySeed {
    pub slug: &'static str,
    pub name_id: &'static str,
    pub name_en: &'static str,
    pub children: &'static [(&'static str, &'static str, &'static str)],
}

const fn top(
    slug: &'static str,
    name_id: &'static str,
    name_en: &'static str,
    children: &'static [(&'static str, &'static str, &'static str)],
) -> CategorySeed {
    CategorySeed {
        slug,
        name_id,
        name_en,
        children,
    }
}

pub const CATEGORIES: [CategorySeed; 12] = [
    top(
        "infrastruktur",
        "Infrastruktur",
        "Infrastructure",
        &[
            ("jalan-rusak", "Jalan Rusak", "Damaged Roads"),
            ("drainase", "Drainase dan Banjir", "Drainage and Flooding"),
            ("jembatan", "Jembatan", "Bridges"),
            (
                "penerangan-jalan",
                "Penerangan Jalan Umum",
                "Street Lighting",
            ),
        ],
    ),
    top(
        "kesehatan",
        "Kesehatan",
        "Health",
        &[
            (
                "bpjs-kesehatan",
                "BPJS Kesehatan",
                "National Health Insurance (BPJS)",
            ),
            ("puskesmas", "Puskesmas", "Community Health Centres"),
            ("rumah-sakit", "Rumah Sakit", "Hospitals"),
        ],
    ),
    top(
        "pendidikan",
        "Pendidikan",
        "Education",
        &[
            ("sekolah", "Sekolah", "Schools"),
            ("ppdb", "Penerimaan Peserta Didik Baru", "School Admissions"),
            (
                "bantuan-pendidikan",
                "Beasiswa dan Bantuan Pendidikan",
                "Scholarships and Education Aid",
            ),
        ],
    ),
    top(
        "administrasi-kependudukan",
        "Administrasi Kependudukan",
        "Civil Registration",
        &[
            ("ktp-el", "KTP-el", "Electronic ID Card"),
            ("kartu-keluarga", "Kartu Keluarga", "Family Card"),
            (
                "akta",
                "Akta Kelahiran dan Kematian",
                "Birth and Death Certificates",
            ),
        ],
    ),
    top(
        "bantuan-sosial",
        "Bantuan Sosial",
        "Social Assistance",
        &[
            (
                "pkh",
                "Program Keluarga Harapan",
                "Family Hope Programme (PKH)",
            ),
            ("bantuan-pangan", "Bantuan Pangan", "Food Assistance"),
            (
                "dtks",
                "Data Terpadu Kesejahteraan Sosial",
                "Social Welfare Register (DTKS)",
            ),
        ],
    ),
    top(
        "lingkungan-hidup",
        "Lingkungan Hidup",
        "Environment",
        &[
            ("sampah", "Sampah", "Waste"),
            (
                "pencemaran",
                "Pencemaran Air dan Udara",
                "Water and Air Pollution",
            ),
            (
                "ruang-terbuka-hijau",
                "Pohon dan Ruang Terbuka Hijau",
                "Trees and Green Spaces",
            ),
        ],
    ),
    top(
        "ketertiban-umum",
        "Ketertiban Umum",
        "Public Order",
        &[
            ("pedagang-kaki-lima", "Pedagang Kaki Lima", "Street Vendors"),
            ("parkir-liar", "Parkir Liar", "Illegal Parking"),
            (
                "gangguan-kebisingan",
                "Gangguan dan Kebisingan",
                "Disturbance and Noise",
            ),
        ],
    ),
    top(
        "ketenagakerjaan",
        "Ketenagakerjaan",
        "Employment",
        &[
            ("upah-thr", "Upah dan THR", "Wages and Holiday Allowance"),
            (
                "bpjs-ketenagakerjaan",
                "BPJS Ketenagakerjaan",
                "Workers' Social Security",
            ),
            ("pekerja-migran", "Pekerja Migran", "Migrant Workers"),
        ],
    ),
    top(
        "kepegawaian",
        "Kepegawaian",
        "Civil Service",
        &[
            (
                "seleksi-asn",
                "Seleksi CPNS dan PPPK",
                "Civil Service Recruitment",
            ),
            (
                "disiplin-asn",
                "Disiplin dan Netralitas ASN",
                "Civil Servant Conduct",
            ),
        ],
    ),
    top(
        "pertanahan",
        "Pertanahan",
        "Land",
        &[
            ("sertifikat-tanah", "Sertifikat Tanah", "Land Certificates"),
            ("sengketa-tanah", "Sengketa Tanah", "Land Disputes"),
        ],
    ),
    top(
        "transportasi",
        "Transportasi",
        "Transport",
        &[
            ("angkutan-umum", "Angkutan Umum", "Public Transport"),
            ("lalu-lintas", "Lalu Lintas", "Traffic"),
        ],
    ),
    top(
        "pelayanan-publik-lainnya",
        "Pelayanan Publik Lainnya",
        "Other Public Services",
        &[
            ("pungutan-liar", "Pungutan Liar", "Illegal Levies"),
            ("perizinan", "Perizinan", "Permits and Licences"),
            ("lainnya", "Lainnya", "Other"),
        ],
    ),
];
