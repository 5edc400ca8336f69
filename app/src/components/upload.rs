//! Sending one attachment from the phone: photos are shrunk first (a 12-megapixel photo
//! becomes a few hundred kilobytes, which matters on slow mobile data), then the file
//! goes to `POST /lampiran` with its progress reported as it uploads. The server still
//! checks, decodes and re-encodes everything: nothing here is trusted.

use serde::{Deserialize, Serialize};

/// The longest side of a photo after shrinking on the phone.
pub const PHONE_PHOTO_MAX_SIDE: f64 = 1600.0;
/// JPEG quality of the shrunk photo.
pub const PHONE_PHOTO_QUALITY: f64 = 0.85;

/// What the server answers for a stored upload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uploaded {
    pub token: String,
    /// "photo" or "pdf".
    pub kind: String,
    pub bytes: u64,
    #[serde(default)]
    pub width: Option<u32>,
    #[serde(default)]
    pub height: Option<u32>,
}

/// The size of a photo scaled to fit `max_side`, never enlarged.
pub fn fit_within(width: f64, height: f64, max_side: f64) -> (f64, f64) {
    let longest = width.max(height);
    if longest <= max_side || longest <= 0.0 {
        return (width, height);
    }
    let scale = max_side / longest;
    (
        (width * scale).round().max(1.0),
        (height * scale).round().max(1.0),
    )
}

#[cfg(feature = "hydrate")]
pub use browser::{shrink_photo, upload};

#[cfg(feature = "hydrate")]
mod browser {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    use super::*;

    /// The server's refusal, already in the reader's language.
    #[derive(Debug, Clone, Deserialize)]
    struct Refusal {
        error: String,
    }

    /// A smaller JPEG of a photo (its orientation applied by the browser), or the file
    /// itself when it is not a photo, is small already, or cannot be drawn here.
    pub async fn shrink_photo(file: &web_sys::File) -> web_sys::Blob {
        let original: web_sys::Blob = file.clone().into();
        if !file.type_().starts_with("image/") {
            return original;
        }
        match redraw(&original).await {
            Some(smaller) if smaller.size() < original.size() => smaller,
            _ => original,
        }
    }

    async fn redraw(photo: &web_sys::Blob) -> Option<web_sys::Blob> {
        let window = web_sys::window()?;
        let bitmap: web_sys::ImageBitmap =
            JsFuture::from(window.create_image_bitmap_with_blob(photo).ok()?)
                .await
                .ok()?
                .dyn_into()
                .ok()?;
        let (width, height) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
        let (w, h) = fit_within(width, height, PHONE_PHOTO_MAX_SIDE);
        let canvas: web_sys::HtmlCanvasElement = window
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        canvas.set_width(w as u32);
        canvas.set_height(h as u32);
        let context: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w, h)
            .ok()?;
        bitmap.close();
        let (send, receive) = futures_oneshot();
        let done = Closure::once_into_js(move |blob: JsValue| send(blob.dyn_into().ok()));
        canvas
            .to_blob_with_type_and_encoder_options(
                done.unchecked_ref(),
                "image/jpeg",
                &JsValue::from_f64(PHONE_PHOTO_QUALITY),
            )
            .ok()?;
        receive.await.flatten()
    }

    /// Sends `blob` as the `berkas` part of `POST /lampiran`; `progress` gets the share
    /// sent so far (0.0–1.0). The error is the server's message, or `network_error`.
    pub async fn upload(
        blob: &web_sys::Blob,
        file_name: &str,
        progress: impl Fn(f64) + 'static,
        network_error: String,
    ) -> Result<Uploaded, String> {
        let failed = || network_error.clone();
        let form = web_sys::FormData::new().map_err(|_| failed())?;
        form.append_with_blob_and_filename("berkas", blob, file_name)
            .map_err(|_| failed())?;
        let request = web_sys::XmlHttpRequest::new().map_err(|_| failed())?;
        request.open("POST", "/lampiran").map_err(|_| failed())?;
        let _ = request.set_request_header("Accept", "application/json");
        let on_progress =
            Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |ev: web_sys::ProgressEvent| {
                if ev.length_computable() && ev.total() > 0.0 {
                    progress(ev.loaded() / ev.total());
                }
            });
        if let Ok(target) = request.upload() {
            target.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        let (send, receive) = futures_oneshot();
        let send = Rc::new(RefCell::new(Some(send)));
        let finish = {
            let send = Rc::clone(&send);
            Closure::<dyn Fn()>::new(move || {
                if let Some(send) = send.borrow_mut().take() {
                    send(());
                }
            })
        };
        request.set_onloadend(Some(finish.as_ref().unchecked_ref()));
        request
            .send_with_opt_form_data(Some(&form))
            .map_err(|_| failed())?;
        receive.await;
        drop((on_progress, finish));
        let status = request.status().unwrap_or(0);
        let body = request.response_text().ok().flatten().unwrap_or_default();
        if (200..300).contains(&status) {
            return serde_json::from_str(&body).map_err(|_| failed());
        }
        Err(serde_json::from_str::<Refusal>(&body)
            .map(|r| r.error)
            .unwrap_or_else(|_| failed()))
    }

    /// A one-shot channel built on a JS promise: the sender resolves it once.
    fn futures_oneshot<T: 'static>(
    ) -> (impl FnOnce(T), impl std::future::Future<Output = Option<T>>) {
        let slot: Rc<RefCell<Option<T>>> = Rc::new(RefCell::new(None));
        let resolve_slot: Rc<RefCell<Option<wasm_bindgen_futures::js_sys::Function>>> =
            Rc::new(RefCell::new(None));
        let promise = {
            let resolve_slot = Rc::clone(&resolve_slot);
            wasm_bindgen_futures::js_sys::Promise::new(&mut move |resolve, _reject| {
                *resolve_slot.borrow_mut() = Some(resolve);
            })
        };
        let sender = {
            let slot = Rc::clone(&slot);
            move |value: T| {
                *slot.borrow_mut() = Some(value);
                if let Some(resolve) = resolve_slot.borrow_mut().take() {
                    let _ = resolve.call0(&JsValue::NULL);
                }
            }
        };
        let receiver = async move {
            let _ = JsFuture::from(promise).await;
            slot.borrow_mut().take()
        };
        (sender, receiver)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_photo_is_scaled_to_the_longest_side() {
        assert_eq!(fit_within(4000.0, 3000.0, 1600.0), (1600.0, 1200.0));
        assert_eq!(fit_within(3000.0, 4000.0, 1600.0), (1200.0, 1600.0));
    }

    #[test]
    fn a_small_photo_is_never_enlarged() {
        assert_eq!(fit_within(800.0, 600.0, 1600.0), (800.0, 600.0));
    }
}
