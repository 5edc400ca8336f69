//! Photos and PDFs of a report.
//!
//! Without JavaScript: a plain file input, posted with the form (`multipart/form-data`);
//! files the server already stored for this draft come back as hidden `lampiran_token`s,
//! so a form shown again with an error loses none.
//!
//! With JavaScript, `public/js/lampiran.js` (loaded on the first file choice) sends every
//! chosen file at once to `POST /lampiran` (photos shrunk on the phone first), each with
//! its own progress bar, and the form carries only the tokens. It is plain JavaScript, not
//! part of the WASM: the citizen form's first load has a size budget, and this code is
//! only needed once someone attaches a file. Its texts are the `data-*` attributes here.

use leptos::prelude::*;

use super::form::FieldErrorText;
use crate::api::citizen::KeptAttachment;
use crate::components::file_input::attachment_input;
use crate::i18n::{fill, t, Key, Locale};
use crate::labels;
use crate::model::validation::Field;

#[component]
pub fn Attachments(
    kept: Vec<KeptAttachment>,
    locale: Locale,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let (mut photos, mut pdfs) = (0, 0);
    let has_kept = !kept.is_empty();
    let rows = kept
        .into_iter()
        .map(|file| {
            let (template, n, kind) = if file.pdf {
                pdfs += 1;
                (Key::AttachPdfN, pdfs, "pdf")
            } else {
                photos += 1;
                (Key::AttachPhotoN, photos, "photo")
            };
            let label = fill(
                template.text(locale),
                &[
                    ("n", &n.to_string()),
                    ("size", &labels::file_size(file.bytes, locale)),
                ],
            );
            view! {
                <li class="attachment" data-testid="attachment" data-state="stored" data-kind=kind>
                    <span class="attachment-name">{label}</span>
                    <input type="hidden" name="lampiran_token" value=file.token/>
                    <button type="button" class="button link" data-remove="" hidden>{t(Key::AttachRemove)}</button>
                </li>
            }
        })
        .collect_view();
    let lang = match locale {
        Locale::Id => "id",
        Locale::En => "en",
    };
    view! {
        <fieldset
            class="field attachments"
            id="lampiran-fieldset"
            data-lang=lang
            data-sending=Key::AttachSending.text(locale)
            data-remove=Key::AttachRemove.text(locale)
            data-network=Key::AttachNetworkError.text(locale)
            data-too-many=Key::ErrTooManyFiles.text(locale)
            data-photo-n=Key::AttachPhotoN.text(locale)
            data-pdf-n=Key::AttachPdfN.text(locale)
        >
            <legend>{t(Key::FieldAttachments)} " " <span class="optional">{t(Key::Optional)}</span></legend>
            <p class="hint" id="lampiran-hint">{t(Key::AttachHint)}</p>
            <div class="attachments-kept" id="lampiran-kept" hidden=!has_kept>
                <p>{t(Key::AttachKept)}</p>
                <ul id="lampiran-list" aria-live="polite">{rows}</ul>
            </div>
            <label for="lampiran" class="file-label">{t(Key::AttachChoose)}</label>
            {attachment_input("lampiran-hint lampiran-error")}
            <p class="field-error" role="alert" id="lampiran-wait" hidden>{t(Key::AttachWait)}</p>
            <FieldErrorText field=Field::Attachments message=error/>
        </fieldset>
    }
}
