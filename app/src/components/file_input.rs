//! The file picker for attachments, the same on the report form and on a reporter's
//! answer: photos and PDFs, the kinds the server accepts (it checks the bytes anyway).

use leptos::prelude::*;

/// The kinds offered by the phone's file picker.
pub const ACCEPTED: &str = "image/jpeg,image/png,image/webp,application/pdf";

/// `<input type=file name=lampiran multiple>`, described by the elements `described_by`.
pub fn attachment_input(described_by: &'static str) -> impl IntoView {
    view! {
        <input type="file" id="lampiran" name="lampiran" multiple accept=ACCEPTED aria-describedby=described_by/>
    }
}
