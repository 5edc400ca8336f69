//! Pictures as phones send them: a JPEG with structure to encode, and EXIF with a GPS
//! block holding a marker that must never leave the server.

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, RgbImage};

/// A `width`×`height` picture with some structure (so JPEG has something to encode).
pub fn picture(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            (x * 7 % 256) as u8,
            (y * 5 % 256) as u8,
            ((x + y) % 256) as u8,
        ])
    }))
}

pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    picture(width, height)
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        .expect("encode jpeg");
    out
}

/// What a phone puts in a photo and must never leave the server.
pub const GPS_MARKER: &[u8] = b"LAPOR-GPS-SECRET-7.2575S";

/// A big-endian TIFF block as in EXIF: IFD0 with Orientation and a pointer to a GPS IFD
/// holding a latitude reference and a datum text (the marker).
pub fn exif_tiff(orientation: u16) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"MM\x00\x2a\x00\x00\x00\x08");
    // IFD0 at 8: two entries, then the next-IFD offset (none).
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    t.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&orientation.to_be_bytes());
    t.extend_from_slice(&[0, 0]);
    t.extend_from_slice(&0x8825u16.to_be_bytes()); // GPSInfo
    t.extend_from_slice(&4u16.to_be_bytes()); // LONG
    t.extend_from_slice(&1u32.to_be_bytes());
    t.extend_from_slice(&38u32.to_be_bytes()); // the GPS IFD's offset
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 38);
    // GPS IFD at 38: two entries; its data follows at 68.
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&0x0001u16.to_be_bytes()); // GPSLatitudeRef
    t.extend_from_slice(&2u16.to_be_bytes()); // ASCII
    t.extend_from_slice(&2u32.to_be_bytes());
    t.extend_from_slice(b"S\x00\x00\x00");
    t.extend_from_slice(&0x0012u16.to_be_bytes()); // GPSMapDatum
    t.extend_from_slice(&2u16.to_be_bytes());
    t.extend_from_slice(&(GPS_MARKER.len() as u32 + 1).to_be_bytes());
    t.extend_from_slice(&68u32.to_be_bytes());
    t.extend_from_slice(&0u32.to_be_bytes());
    assert_eq!(t.len(), 68);
    t.extend_from_slice(GPS_MARKER);
    t.push(0);
    t
}

/// `jpeg` with an APP1 Exif segment right after SOI.
pub fn with_exif(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut payload = b"Exif\x00\x00".to_vec();
    payload.extend_from_slice(&exif_tiff(orientation));
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&(payload.len() as u16 + 2).to_be_bytes());
    out.extend_from_slice(&payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}
