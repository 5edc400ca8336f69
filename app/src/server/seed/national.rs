//! The national bodies connected at start: the 34 ministries of the Indonesia Maju
//! cabinet and the national institutions citizens most often complain about.
//!
//! The keyword is the short name people use ("KEMENKES", "BPJSKES"): it lets the
//! agency search find "kemenkes" and lets an SMS name a national body directly.

/// `(slug, name, keyword)`; the agency code is `kementerian-<slug>`.
pub const MINISTRIES: [(&str, &str, &str); 34] = [
    (
        "koordinator-polhukam",
        "Kementerian Koordinator Bidang Politik, Hukum, dan Keamanan",
        "KEMENKOPOLHUKAM",
    ),
    (
        "koordinator-perekonomian",
        "Kementerian Koordinator Bidang Perekonomian",
        "KEMENKOPEREKONOMIAN",
    ),
    (
        "koordinator-pmk",
        "Kementerian Koordinator Bidang Pembangunan Manusia dan Kebudayaan",
        "KEMENKOPMK",
    ),
    (
        "koordinator-marves",
        "Kementerian Koordinator Bidang Kemaritiman dan Investasi",
        "KEMENKOMARVES",
    ),
    (
        "sekretariat-negara",
        "Kementerian Sekretariat Negara",
        "KEMENSETNEG",
    ),
    ("dalam-negeri", "Kementerian Dalam Negeri", "KEMENDAGRI"),
    ("luar-negeri", "Kementerian Luar Negeri", "KEMENLU"),
    ("pertahanan", "Kementerian Pertahanan", "KEMHAN"),
    ("agama", "Kementerian Agama", "KEMENAG"),
    (
        "hukum-ham",
        "Kementerian Hukum dan Hak Asasi Manusia",
        "KEMENKUMHAM",
    ),
    ("keuangan", "Kementerian Keuangan", "KEMENKEU"),
    (
        "pendidikan",
        "Kementerian Pendidikan, Kebudayaan, Riset, dan Teknologi",
        "KEMENDIKBUDRISTEK",
    ),
    ("kesehatan", "Kementerian Kesehatan", "KEMENKES"),
    ("sosial", "Kementerian Sosial", "KEMENSOS"),
    ("ketenagakerjaan", "Kementerian Ketenagakerjaan", "KEMNAKER"),
    ("perindustrian", "Kementerian Perindustrian", "KEMENPERIN"),
    ("perdagangan", "Kementerian Perdagangan", "KEMENDAG"),
    (
        "esdm",
        "Kementerian Energi dan Sumber Daya Mineral",
        "KEMENESDM",
    ),
    (
        "pupr",
        "Kementerian Pekerjaan Umum dan Perumahan Rakyat",
        "KEMENPUPR",
    ),
    ("perhubungan", "Kementerian Perhubungan", "KEMENHUB"),
    (
        "kominfo",
        "Kementerian Komunikasi dan Informatika",
        "KEMKOMINFO",
    ),
    ("pertanian", "Kementerian Pertanian", "KEMENTAN"),
    ("lhk", "Kementerian Lingkungan Hidup dan Kehutanan", "KLHK"),
    (
        "kelautan-perikanan",
        "Kementerian Kelautan dan Perikanan",
        "KKP",
    ),
    (
        "desa-pdtt",
        "Kementerian Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi",
        "KEMENDESA",
    ),
    (
        "atr-bpn",
        "Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional",
        "ATRBPN",
    ),
    (
        "ppn-bappenas",
        "Kementerian Perencanaan Pembangunan Nasional/Bappenas",
        "BAPPENAS",
    ),
    (
        "panrb",
        "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "KEMENPANRB",
    ),
    ("bumn", "Kementerian Badan Usaha Milik Negara", "KEMENBUMN"),
    (
        "koperasi-ukm",
        "Kementerian Koperasi dan Usaha Kecil dan Menengah",
        "KEMENKOPUKM",
    ),
    (
        "pariwisata-ekraf",
        "Kementerian Pariwisata dan Ekonomi Kreatif",
        "KEMENPAREKRAF",
    ),
    (
        "pppa",
        "Kementerian Pemberdayaan Perempuan dan Perlindungan Anak",
        "KEMENPPPA",
    ),
    (
        "pemuda-olahraga",
        "Kementerian Pemuda dan Olahraga",
        "KEMENPORA",
    ),
    (
        "investasi-bkpm",
        "Kementerian Investasi/Badan Koordinasi Penanaman Modal",
        "BKPM",
    ),
];

/// `(slug, name, keyword)`; the agency code is `lembaga-<slug>`.
pub const INSTITUTIONS: [(&str, &str, &str); 26] = [
    ("bpjs-kesehatan", "BPJS Kesehatan", "BPJSKES"),
    ("bpjs-ketenagakerjaan", "BPJS Ketenagakerjaan", "BPJSTK"),
    ("polri", "Kepolisian Negara Republik Indonesia", "POLRI"),
    ("kejaksaan", "Kejaksaan Republik Indonesia", "KEJAKSAAN"),
    ("ombudsman", "Ombudsman Republik Indonesia", "OMBUDSMAN"),
    ("ksp", "Kantor Staf Presiden", "KSP"),
    ("bkn", "Badan Kepegawaian Negara", "BKN"),
    ("lan", "Lembaga Administrasi Negara", "LAN"),
    ("bps", "Badan Pusat Statistik", "BPS"),
    (
        "bmkg",
        "Badan Meteorologi, Klimatologi, dan Geofisika",
        "BMKG",
    ),
    ("bnpb", "Badan Nasional Penanggulangan Bencana", "BNPB"),
    (
        "basarnas",
        "Badan Nasional Pencarian dan Pertolongan",
        "BASARNAS",
    ),
    (
        "lkpp",
        "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah",
        "LKPP",
    ),
    ("bpom", "Badan Pengawas Obat dan Makanan", "BPOM"),
    (
        "bkkbn",
        "Badan Kependudukan dan Keluarga Berencana Nasional",
        "BKKBN",
    ),
    ("bnn", "Badan Narkotika Nasional", "BNN"),
    ("bnpt", "Badan Nasional Penanggulangan Terorisme", "BNPT"),
    (
        "bp2mi",
        "Badan Pelindungan Pekerja Migran Indonesia",
        "BP2MI",
    ),
    ("bpkp", "Badan Pengawasan Keuangan dan Pembangunan", "BPKP"),
    ("brin", "Badan Riset dan Inovasi Nasional", "BRIN"),
    ("bssn", "Badan Siber dan Sandi Negara", "BSSN"),
    ("bsn", "Badan Standardisasi Nasional", "BSN"),
    ("ojk", "Otoritas Jasa Keuangan", "OJK"),
    ("kpk", "Komisi Pemberantasan Korupsi", "KPK"),
    (
        "komnas-ham",
        "Komisi Nasional Hak Asasi Manusia",
        "KOMNASHAM",
    ),
    ("kpai", "Komisi Perlindungan Anak Indonesia", "KPAI"),
];
