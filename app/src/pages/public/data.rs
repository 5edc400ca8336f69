//! `/data`: the open data — what can be downloaded, under which licence, and what every
//! column means (its name is stable; its meaning is written here in both languages).

use leptos::prelude::*;
use leptos_meta::Meta;

use crate::i18n::{fill, t, Key};
use crate::model::public_feed::{LICENCE, OPEN_DATA_COLUMNS, OPEN_DATA_MAX_ROWS};
use crate::model::statistics::STATISTICS_COLUMNS;
use crate::paths;

#[component]
pub fn DataPage() -> impl IntoView {
    view! {
        <super::PublicStyles/>
        <Meta name="description" content=t(Key::MetaData)/>
        <h1>{t(Key::DataHeading)}</h1>
        <p>{t(Key::DataIntro)}</p>
        <p data-testid="licence">{fill(t(Key::DataLicence), &[("licence", LICENCE)])}</p>
        <h2>{t(Key::DataFeedHeading)}</h2>
        <p>{fill(t(Key::DataFeedAbout), &[("max", &OPEN_DATA_MAX_ROWS.to_string())])}</p>
        <Dataset csv=paths::DATA_FEED_CSV json=paths::DATA_FEED_JSON
            columns=&OPEN_DATA_COLUMNS describe=column testid="feed-schema"/>
        <h2>{t(Key::DataStatsHeading)}</h2>
        <p>{t(Key::DataStatsAbout)}</p>
        <Dataset csv=paths::DATA_STATISTICS_CSV json=paths::DATA_STATISTICS_JSON
            columns=&STATISTICS_COLUMNS describe=statistics_column testid="statistics-schema"/>
    }
}

/// A download's two links and the table of its columns: name, type, meaning.
#[component]
fn Dataset(
    csv: &'static str,
    json: &'static str,
    columns: &'static [&'static str],
    describe: fn(&str) -> (Key, Key),
    testid: &'static str,
) -> impl IntoView {
    let rows = columns
        .iter()
        .map(|name| {
            let (kind, meaning) = describe(name);
            view! {
                <tr>
                    <th scope="row"><code>{*name}</code></th>
                    <td>{t(kind)}</td>
                    <td>{t(meaning)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="actions">
            <a class="button secondary" href=csv>{t(Key::DataDownloadCsv)}</a>
            " "
            <a class="button secondary" href=json>{t(Key::DataDownloadJson)}</a>
        </p>
        <table class="schema" data-testid=testid>
            <caption>{t(Key::DataSchemaCaption)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t(Key::DataColName)}</th>
                    <th scope="col">{t(Key::DataColType)}</th>
                    <th scope="col">{t(Key::DataColMeaning)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A column's type and meaning.
fn column(name: &str) -> (Key, Key) {
    match name {
        "nomor" => (Key::DataTypeText, Key::DataFieldNomor),
        "judul" => (Key::DataTypeText, Key::DataFieldJudul),
        "ringkasan" => (Key::DataTypeText, Key::DataFieldRingkasan),
        "jenis" => (Key::DataTypeCode, Key::DataFieldJenis),
        "status" => (Key::DataTypeCode, Key::DataFieldStatus),
        "kategori" => (Key::DataTypeText, Key::DataFieldKategori),
        "wilayah_kode" => (Key::DataTypeCode, Key::DataFieldWilayahKode),
        "wilayah" => (Key::DataTypeText, Key::DataFieldWilayah),
        "instansi_kode" => (Key::DataTypeCode, Key::DataFieldInstansiKode),
        "instansi" => (Key::DataTypeText, Key::DataFieldInstansi),
        "tanggal_masuk" => (Key::DataTypeDate, Key::DataFieldTanggalMasuk),
        "tenggat_jenis" => (Key::DataTypeCode, Key::DataFieldTenggatJenis),
        "tenggat_tanggal" => (Key::DataTypeDate, Key::DataFieldTenggatTanggal),
        "tenggat_lewat" => (Key::DataTypeYesNo, Key::DataFieldTenggatLewat),
        _ => (Key::DataTypeNumber, Key::DataFieldPendukung),
    }
}

/// A statistics column's type and meaning.
fn statistics_column(name: &str) -> (Key, Key) {
    let number = Key::DataTypeNumber;
    match name {
        "tingkat" => (Key::DataTypeCode, Key::DataStatTingkat),
        "kode" => (Key::DataTypeCode, Key::DataStatKode),
        "nama" => (Key::DataTypeText, Key::DataStatNama),
        "masuk" => (number, Key::DataStatMasuk),
        "diteruskan" => (number, Key::DataStatDiteruskan),
        "ditindaklanjuti" => (number, Key::DataStatDitindaklanjuti),
        "tepat_waktu" => (number, Key::DataStatTepatWaktu),
        "persen_ditindaklanjuti" => (number, Key::DataStatPersenDitindaklanjuti),
        "persen_tepat_waktu" => (number, Key::DataStatPersenTepatWaktu),
        "selesai" => (number, Key::DataStatSelesai),
        "dalam_proses" => (number, Key::DataStatDalamProses),
        "diteruskan_belum_ditindaklanjuti" => (number, Key::DataStatDiteruskanBelum),
        "belum_diproses" => (number, Key::DataStatBelumDiproses),
        "ditunda" => (number, Key::DataStatDitunda),
        "diarsipkan" => (number, Key::DataStatDiarsipkan),
        "median_hari_verifikasi" => (number, Key::DataStatMedianVerifikasi),
        "median_hari_tindak_lanjut" => (number, Key::DataStatMedianTindakLanjut),
        "median_hari_selesai" => (number, Key::DataStatMedianSelesai),
        "jumlah_penilaian" => (number, Key::DataStatJumlahPenilaian),
        "rata_rata_penilaian" => (Key::DataTypeDecimal, Key::DataStatRataRataPenilaian),
        "dibuka_kembali" => (number, Key::DataStatDibukaKembali),
        masuk if masuk.starts_with("masuk_") => (number, Key::DataStatMasukPer),
        _ => (Key::DataTypeCode, Key::DataStatPredikat),
    }
}
