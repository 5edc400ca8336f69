//! A one-page PDF for the attachment tests, to which each test adds what it needs.

use lopdf::{dictionary, Document, Object, ObjectId, Stream};

/// The objects a test adds its active content to.
pub struct Parts {
    pub catalog: ObjectId,
    pub page: ObjectId,
}

/// A one-page PDF with the text `KEEP-TEXT`, to which `add` adds what the test needs.
pub fn pdf_with(add: impl FnOnce(&mut Document, Parts)) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let content = doc.add_object(
        Stream::new(dictionary! {}, b"BT (KEEP-TEXT) Tj ET".to_vec()).with_compression(false),
    );
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog);
    add(&mut doc, Parts { catalog, page });
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}
