//! Cleaning one received file: its type from its bytes, then pictures re-encoded
//! without any metadata, and PDFs stripped of theirs and of any active content
//! (`pdf.rs`). Pure and synchronous (CPU-heavy): call [`sanitize_blocking`] from
//! async code.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader, Limits};

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

/// Makes a PDF safe to open: no author information and nothing that runs, launches,
/// sends, fetches, plays or attaches files (see `pdf.rs`). Encrypted PDFs
/// are refused: they cannot be checked.
fn clean_pdf(raw: &[u8]) -> Result<Sanitized, UploadError> {
    Ok(Sanitized {
        kind: Kind::Pdf,
        media_type: PDF,
        bytes: super::pdf::clean(raw)?,
        width: None,
        height: None,
    })
}
