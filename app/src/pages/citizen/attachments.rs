//! Photos and PDFs of a report.
//!
//! Without JavaScript: a plain file input, posted with the form (`multipart/form-data`);
//! files the server already stored for this draft come back as hidden `lampiran_token`s,
//! so a form shown again with an error loses none.
//!
//! With the WASM: every chosen file is sent at once to `POST /lampiran` (photos shrunk
//! on the phone first), each with its own progress bar; the form then carries only the
//! hidden `lampiran_token`s, and the file input loses its `name`. Sending the report
//! waits until every file is stored.

use leptos::prelude::*;

use super::form::FieldErrorText;
use super::form::KeptAttachment;
use crate::i18n::{fill, t, Key, Locale};
use crate::labels;
use crate::model::validation::Field;
#[cfg(feature = "hydrate")]
use crate::model::validation::MAX_ATTACHMENTS;

/// Where one file is. (The server only ever renders stored files.)
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum Progress {
    /// On its way; the share sent so far (0.0–1.0).
    Sending(f64),
    /// Stored by the server under `token`.
    Stored {
        token: String,
        pdf: bool,
        bytes: i64,
    },
    /// Refused or lost on the way, with the reason in the reader's language.
    Refused(String),
}

/// One file of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    id: u32,
    /// The name on the phone; unknown for files kept by the server.
    name: Option<String>,
    progress: Progress,
}

/// The files of the form, shared with the form so that it can hold the report back
/// while files are still on their way.
#[derive(Debug, Clone, Copy)]
pub struct AttachmentList {
    items: RwSignal<Vec<Item>>,
    next_id: StoredValue<u32>,
    /// Set when the citizen tried to send while files were still on their way.
    pub held_back: RwSignal<bool>,
}

impl AttachmentList {
    pub fn new(kept: Vec<KeptAttachment>) -> AttachmentList {
        let count = kept.len() as u32;
        let items = kept
            .into_iter()
            .zip(0..)
            .map(|(file, id)| Item {
                id,
                name: None,
                progress: Progress::Stored {
                    token: file.token,
                    pdf: file.pdf,
                    bytes: file.bytes,
                },
            })
            .collect();
        AttachmentList {
            items: RwSignal::new(items),
            next_id: StoredValue::new(count),
            held_back: RwSignal::new(false),
        }
    }

    /// True while any file is still on its way.
    pub fn sending(&self) -> bool {
        self.items.with(|items| {
            items
                .iter()
                .any(|item| matches!(item.progress, Progress::Sending(_)))
        })
    }

    /// Files stored or on their way (refused ones do not count).
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn counted(&self) -> usize {
        self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|item| !matches!(item.progress, Progress::Refused(_)))
                .count()
        })
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn add(&self, name: String, progress: Progress) -> u32 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.items.update(|items| {
            items.push(Item {
                id,
                name: Some(name),
                progress,
            })
        });
        id
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn set(&self, id: u32, progress: Progress) {
        self.items.update(|items| {
            if let Some(item) = items.iter_mut().find(|item| item.id == id) {
                item.progress = progress;
            }
        });
        if !self.sending() {
            self.held_back.set(false);
        }
    }

    fn remove(&self, id: u32) {
        self.items
            .update(|items| items.retain(|item| item.id != id));
    }
}

#[component]
pub fn Attachments(
    list: AttachmentList,
    locale: Locale,
    ready: RwSignal<bool>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let rows =
        move || {
            let (mut photos, mut pdfs) = (0, 0);
            list.items
                .get()
                .into_iter()
                .map(|item| {
                    let id = item.id;
                    let row = match item.progress {
                    Progress::Stored { token, pdf, bytes } => {
                        let (template, n) = if pdf {
                            pdfs += 1;
                            (Key::AttachPdfN, pdfs)
                        } else {
                            photos += 1;
                            (Key::AttachPhotoN, photos)
                        };
                        let label = fill(
                            template.text(locale),
                            &[("n", &n.to_string()), ("size", &labels::file_size(bytes, locale))],
                        );
                        let label = match &item.name {
                            Some(name) => format!("{label}: {name}"),
                            None => label,
                        };
                        view! {
                            <span class="attachment-name">{label}</span>
                            <input type="hidden" name="lampiran_token" value=token/>
                        }
                        .into_any()
                    }
                    Progress::Sending(share) => {
                        let percent = (share * 100.0).round().clamp(0.0, 100.0) as u32;
                        let name = item.name.clone().unwrap_or_default();
                        let status = fill(
                            Key::AttachSending.text(locale),
                            &[("pct", &percent.to_string())],
                        );
                        view! {
                            <span class="attachment-name">{name.clone()}</span>
                            <progress max="100" value=percent aria-label=name></progress>
                            <span class="hint">{status}</span>
                        }
                        .into_any()
                    }
                    Progress::Refused(reason) => view! {
                        <span class="attachment-name">{item.name.clone().unwrap_or_default()}</span>
                        <span class="field-error" role="alert">{reason}</span>
                    }
                    .into_any(),
                };
                    view! {
                        <li class="attachment" data-testid="attachment">
                            {row}
                            <button
                                type="button"
                                class="button link"
                                hidden=move || !ready.get()
                                on:click=move |_| list.remove(id)
                            >
                                {t(Key::AttachRemove)}
                            </button>
                        </li>
                    }
                })
                .collect_view()
        };
    let has_items = move || list.items.with(|items| !items.is_empty());
    let on_change = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        choose(list, &ev, locale);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <fieldset class="field attachments" id="lampiran-fieldset">
            <legend>{t(Key::FieldAttachments)} " " <span class="optional">{t(Key::Optional)}</span></legend>
            <p class="hint" id="lampiran-hint">{t(Key::AttachHint)}</p>
            <div class="attachments-kept" id="lampiran-kept" hidden=move || !has_items()>
                <p>{t(Key::AttachKept)}</p>
                <ul aria-live="polite">{rows}</ul>
            </div>
            <label for="lampiran" class="file-label">{t(Key::AttachChoose)}</label>
            <input
                type="file"
                id="lampiran"
                name=move || (!ready.get()).then_some("lampiran")
                multiple
                accept="image/jpeg,image/png,image/webp,application/pdf"
                aria-describedby="lampiran-hint lampiran-error"
                on:change=on_change
            />
            <p class="field-error" role="alert" hidden=move || !list.held_back.get()>
                {t(Key::AttachWait)}
            </p>
            <FieldErrorText field=Field::Attachments message=error/>
        </fieldset>
    }
}

/// Sends every file just chosen, each on its own.
#[cfg(feature = "hydrate")]
fn choose(list: AttachmentList, ev: &leptos::ev::Event, locale: Locale) {
    use wasm_bindgen::JsCast;

    use crate::components::upload::{shrink_photo, upload};

    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(files) = input.files() else {
        return;
    };
    let chosen: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    // Emptied, so that choosing the same file again (after a failure) fires again.
    input.set_value("");
    for file in chosen {
        let name = file.name();
        if list.counted() >= MAX_ATTACHMENTS {
            let reason = fill(
                Key::ErrTooManyFiles.text(locale),
                &[("n", &MAX_ATTACHMENTS.to_string())],
            );
            list.add(name, Progress::Refused(reason));
            continue;
        }
        let id = list.add(name.clone(), Progress::Sending(0.0));
        wasm_bindgen_futures::spawn_local(async move {
            let blob = shrink_photo(&file).await;
            let sent = upload(
                &blob,
                &name,
                move |share| list.set(id, Progress::Sending(share)),
                Key::AttachNetworkError.text(locale).to_string(),
            )
            .await;
            list.set(
                id,
                match sent {
                    Ok(stored) => Progress::Stored {
                        token: stored.token,
                        pdf: stored.kind == "pdf",
                        bytes: stored.bytes as i64,
                    },
                    Err(reason) => Progress::Refused(reason),
                },
            );
        });
    }
}
