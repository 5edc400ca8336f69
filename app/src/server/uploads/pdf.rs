//! Cleaning a PDF: what names its author goes, and so does everything a reader could run,
//! open, send or play on behalf of whoever opens it (staff, or the public if published).
//!
//! Active content can hang from almost any dictionary (an annotation's `/A`, a field's
//! `/AA`, an outline item, an action's `/Next`…) and can be written inline or as an
//! indirect object, so we do not chase known places: every object of the file is walked,
//! and any entry or array item that *is* active content is dropped where it stands. The
//! orphans (scripts, embedded file streams) then go with [`Document::prune_objects`].

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::UploadError;

/// Keys dropped from every dictionary, whatever they hold.
const REMOVED_KEYS: &[&[u8]] = &[
    // Additional actions: scripts on open, close, focus, keystroke, validation…
    b"AA",
    // A script, inline or as a stream.
    b"JS",
    // The document-level scripts in `/Names`.
    b"JavaScript",
    // Attached files: the name tree, a file specification's streams, PDF 2.0's `/AF`.
    b"EmbeddedFiles",
    b"EF",
    b"RF",
    b"AF",
    // XML forms, which carry scripts of their own.
    b"XFA",
    // Portfolios: a viewer shell around embedded files.
    b"Collection",
    // XMP: author, tools, dates.
    b"Metadata",
];

/// Action types (`/S`) that run code, start programs, send or fetch data, open other
/// files or play media. `/URI`, `/GoTo`, `/Named` and `/ResetForm` are harmless and stay.
const ACTIVE_ACTIONS: &[&[u8]] = &[
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ImportData",
    b"GoToR",
    b"GoToE",
    b"Rendition",
    b"Sound",
    b"Movie",
    b"RichMediaExecute",
    b"GoTo3DView",
];

/// Annotation subtypes that carry a file or a media player.
const ACTIVE_ANNOTATIONS: &[&[u8]] = &[
    b"FileAttachment",
    b"RichMedia",
    b"Screen",
    b"3D",
    b"Movie",
    b"Sound",
];

/// Object types that are embedded content themselves.
const ACTIVE_TYPES: &[&[u8]] = &[b"EmbeddedFile", b"3D", b"Sound"];

/// Returns `raw` saved again without document information (`/Info`: author, creator
/// tool, dates), XMP, scripts and actions that run, launch, send or fetch (wherever they
/// hang, see [`ACTIVE_ACTIONS`]), attached and embedded files, XFA forms, rich media and
/// portfolios. Pages, their content and harmless links stay. Encrypted PDFs are refused:
/// they cannot be checked.
pub(super) fn clean(raw: &[u8]) -> Result<Vec<u8>, UploadError> {
    let mut document = load(raw)?;
    document.trailer.remove(b"Info");
    remove_active_content(&mut document);
    // Drops what is no longer referenced: /Info, XMP, scripts, embedded file streams.
    document.prune_objects();
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .map_err(|e| UploadError::Unreadable(e.to_string()))?;
    Ok(bytes)
}

fn load(raw: &[u8]) -> Result<Document, UploadError> {
    let document = Document::load_mem(raw).map_err(|e| {
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
    Ok(document)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Cleans every object of the file. The trailer is left alone: it only points at the
/// catalog, which is itself cleaned like any other object.
fn remove_active_content(document: &mut Document) {
    let active = active_objects(document);
    for object in document.objects.values_mut() {
        clean_object(object, &active);
    }
}

/// The objects that are active content as a whole. Decided before anything changes, so
/// that a reference (`/A 12 0 R`) is judged by what it points to.
fn active_objects(document: &Document) -> HashSet<ObjectId> {
    document
        .objects
        .iter()
        .filter(|(_, object)| {
            document
                .dereference(object)
                .is_ok_and(|(_, target)| dictionary_of(target).is_some_and(is_active_dictionary))
        })
        .map(|(id, _)| *id)
        .collect()
}

fn clean_object(object: &mut Object, active: &HashSet<ObjectId>) {
    match object {
        Object::Dictionary(dictionary) => clean_dictionary(dictionary, active),
        Object::Stream(stream) => clean_dictionary(&mut stream.dict, active),
        Object::Array(items) => clean_array(items, active),
        _ => {}
    }
}

/// Drops the [`REMOVED_KEYS`] and every entry holding active content (an annotation's
/// `/A`, an action's `/Next`, an `/OpenAction`…), then cleans what stays.
fn clean_dictionary(dictionary: &mut Dictionary, active: &HashSet<ObjectId>) {
    dictionary
        .as_hashmap_mut()
        .retain(|key, value| !REMOVED_KEYS.contains(&key.as_slice()) && !is_active(value, active));
    for (key, value) in dictionary.iter_mut() {
        if let (b"Names" | b"Nums", Object::Array(leaves)) = (key.as_slice(), &mut *value) {
            remove_active_pairs(leaves, active);
        }
        clean_object(value, active);
    }
}

/// Drops active items (an attached file from a page's `/Annots`, a script from a
/// `/Next` array), then cleans what stays.
fn clean_array(items: &mut Vec<Object>, active: &HashSet<ObjectId>) {
    items.retain(|item| !is_active(item, active));
    for item in items {
        clean_object(item, active);
    }
}

/// Name and number tree leaves are `[key value key value …]`: an active value goes with
/// its key, so the pairs stay aligned.
fn remove_active_pairs(leaves: &mut Vec<Object>, active: &HashSet<ObjectId>) {
    *leaves = leaves
        .chunks(2)
        .filter(|pair| !pair.iter().any(|item| is_active(item, active)))
        .flatten()
        .cloned()
        .collect();
}

/// Whether `value` is active content: written inline, or a reference to an active object.
fn is_active(value: &Object, active: &HashSet<ObjectId>) -> bool {
    match value {
        Object::Reference(id) => active.contains(id),
        other => dictionary_of(other).is_some_and(is_active_dictionary),
    }
}

fn dictionary_of(object: &Object) -> Option<&Dictionary> {
    match object {
        Object::Dictionary(dictionary) => Some(dictionary),
        Object::Stream(stream) => Some(&stream.dict),
        _ => None,
    }
}

/// An action that runs or fetches something, an annotation carrying a file or a player,
/// embedded content itself, or anything holding a script or embedded files.
fn is_active_dictionary(dictionary: &Dictionary) -> bool {
    is_one_of(dictionary, b"S", ACTIVE_ACTIONS)
        || is_one_of(dictionary, b"Subtype", ACTIVE_ANNOTATIONS)
        || is_one_of(dictionary, b"Type", ACTIVE_TYPES)
        || [&b"JS"[..], b"EF", b"RF"]
            .iter()
            .any(|key| dictionary.has(key))
}

fn is_one_of(dictionary: &Dictionary, key: &[u8], names: &[&[u8]]) -> bool {
    match dictionary.get(key) {
        Ok(Object::Name(name)) => names.contains(&name.as_slice()),
        // Writers never put a type behind a reference; a file that does is hiding
        // something, and is treated as the worst it could be.
        Ok(Object::Reference(_)) => true,
        _ => false,
    }
}
