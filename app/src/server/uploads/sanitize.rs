//! Cleaning one received file: its type from its bytes, then pictures re-encoded
//! without any metadata and PDFs stripped of theirs. Pure and synchronous (CPU-heavy):
//! call [`sanitize_blocking`] from async code.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};
use lopdf::{Dictionary, Document, Object};

use super::{UploadError, JPEG_QUALITY, MAX_FILE_BYTES, MAX_LONG_SIDE, MAX_PIXELS};

/// What an attachment is, as citizens and staff see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Photo,
    Pdf,
}

impl Kind {
    /// `"photo"` or `"pdf"`, as in the JSON of `POST /lampiran`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Photo => "photo",
            Kind::Pdf => "pdf",
        }
    }

    /// The kind of a stored media type.
    pub fn of_media_type(media_type: &str) -> Kind {
        if media_type == PDF {
            Kind::Pdf
        } else {
            Kind::Photo
        }
    }
}

const PDF: &str = "application/pdf";
const JPEG: &str = "image/jpeg";
const PNG: &str = "image/png";

/// A cleaned file, ready to store.
#[derive(Debug, Clone)]
pub struct Sanitized {
    pub kind: Kind,
    /// `image/jpeg`, `image/png` or `application/pdf` (WebP is stored as JPEG).
    pub media_type: &'static str,
    pub bytes: Vec<u8>,
    /// Pixels of the stored picture; `None` for a PDF.
    pub width: Option<u32>,
    pub height: Option<u32>,
}

/// [`sanitize`] on the blocking thread pool, so decoding never stalls other requests.
pub async fn sanitize_blocking(raw: Vec<u8>) -> Result<Sanitized, UploadError> {
    tokio::task::spawn_blocking(move || sanitize(&raw))
        .await
        .map_err(|e| UploadError::Storage(format!("cleaning task failed: {e}")))?
}

/// Checks and cleans `raw`, a file as received.
pub fn sanitize(raw: &[u8]) -> Result<Sanitized, UploadError> {
    if raw.len() > MAX_FILE_BYTES {
        return Err(UploadError::TooLarge);
    }
    let detected = infer::get(raw).map(|t| t.mime_type());
    match detected {
        Some("image/jpeg") => clean_picture(raw, ImageFormat::Jpeg),
        Some("image/png") => clean_picture(raw, ImageFormat::Png),
        Some("image/webp") => clean_picture(raw, ImageFormat::WebP),
        Some("application/pdf") => clean_pdf(raw),
        _ => Err(UploadError::WrongType),
    }
}

/// Decodes within the limits, turns the picture upright, shrinks it, and encodes it
/// afresh: the new file carries pixels only. JPEG and WebP become JPEG (the `image`
/// crate writes lossless WebP only, far larger), PNG stays PNG.
fn clean_picture(raw: &[u8], format: ImageFormat) -> Result<Sanitized, UploadError> {
    let mut reader = ImageReader::with_format(Cursor::new(raw), format);
    let mut limits = Limits::default();
    // A strict edge limit cheaply refuses absurd headers before the pixel count does.
    limits.max_image_width = Some(40_000);
    limits.max_image_height = Some(40_000);
    // 40 megapixels of RGBA plus the decoder's working room.
    limits.max_alloc = Some(MAX_PIXELS * 4 + 64 * 1024 * 1024);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(picture_error)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(UploadError::TooManyPixels);
    }
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(picture_error)?;
    picture.apply_orientation(orientation);
    if picture.width().max(picture.height()) > MAX_LONG_SIDE {
        picture = picture.resize(MAX_LONG_SIDE, MAX_LONG_SIDE, FilterType::Triangle);
    }
    let (width, height) = (picture.width(), picture.height());
    let mut bytes = Vec::new();
    let media_type = if format == ImageFormat::Png {
        picture
            .write_with_encoder(PngEncoder::new(&mut bytes))
            .map_err(picture_error)?;
        PNG
    } else {
        // JPEG has no alpha: flatten to RGB.
        DynamicImage::ImageRgb8(picture.to_rgb8())
            .write_with_encoder(JpegEncoder::new_with_quality(&mut bytes, JPEG_QUALITY))
            .map_err(picture_error)?;
        JPEG
    };
    Ok(Sanitized {
        kind: Kind::Photo,
        media_type,
        bytes,
        width: Some(width),
        height: Some(height),
    })
}

fn picture_error(error: ImageError) -> UploadError {
    match error {
        ImageError::Limits(_) => UploadError::TooManyPixels,
        other => UploadError::Unreadable(other.to_string()),
    }
}

/// Removes what identifies the author or runs on opening: the document information
/// (`/Info`: author, creator tool, dates), the XMP stream (`/Metadata`), the open
/// action, additional actions and document-level JavaScript. Encrypted PDFs are
/// refused: they cannot be checked.
fn clean_pdf(raw: &[u8]) -> Result<Sanitized, UploadError> {
    let mut document = Document::load_mem(raw).map_err(|e| {
        // A file naming an encryption dictionary that cannot be opened without a
        // password is locked, not damaged: say so.
        if contains(raw, b"/Encrypt") {
            UploadError::Encrypted
        } else {
            UploadError::Unreadable(e.to_string())
        }
    })?;
    if document.was_encrypted() || document.trailer.has(b"Encrypt") {
        return Err(UploadError::Encrypted);
    }
    document.trailer.remove(b"Info");
    let names_id = {
        let catalog = document
            .catalog_mut()
            .map_err(|e| UploadError::Unreadable(e.to_string()))?;
        for key in [&b"Metadata"[..], b"OpenAction", b"AA"] {
            catalog.remove(key);
        }
        match catalog.get_mut(b"Names") {
            Ok(Object::Dictionary(names)) => {
                names.remove(b"JavaScript");
                None
            }
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        }
    };
    if let Some(id) = names_id {
        if let Ok(names) = document.get_dictionary_mut(id) {
            names.remove(b"JavaScript");
        }
    }
    remove_page_actions(&mut document);
    // Drops the now unreferenced /Info and /Metadata objects from the file.
    document.prune_objects();
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .map_err(|e| UploadError::Unreadable(e.to_string()))?;
    Ok(Sanitized {
        kind: Kind::Pdf,
        media_type: PDF,
        bytes,
        width: None,
        height: None,
    })
}

/// Pages may carry their own open/close actions (`/AA`) and XMP (`/Metadata`).
fn remove_page_actions(document: &mut Document) {
    let pages: Vec<_> = document.get_pages().into_values().collect();
    for id in pages {
        if let Ok(page) = document.get_dictionary_mut(id) {
            strip(page, &[b"AA", b"Metadata"]);
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn strip(dictionary: &mut Dictionary, keys: &[&[u8]]) {
    for key in keys {
        dictionary.remove(key);
    }
}
