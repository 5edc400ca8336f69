//! PDFs lose every kind of active content, wherever it hangs and however it is written
//! (inline or behind a reference): scripts, actions that launch, send or fetch, attached
//! files, XFA forms and rich media. The pages, their text and harmless links stay.

mod common;

use app::server::uploads::{sanitize, Kind};
use common::pdf::pdf_with;
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream};

// ---------------------------------------------------------------- test files

/// A one-page PDF whose page carries the annotations `annotations` makes.
fn pdf_with_annotations(annotations: impl FnOnce(&mut Document) -> Vec<Object>) -> Vec<u8> {
    pdf_with(|doc, parts| {
        let annotations = annotations(doc);
        dictionary(doc, parts.page).set("Annots", annotations);
    })
}

fn dictionary(doc: &mut Document, id: ObjectId) -> &mut Dictionary {
    doc.get_dictionary_mut(id).expect("a dictionary")
}

/// A script action whose code contains `marker`.
fn script(marker: &str) -> Dictionary {
    dictionary! {
        "S" => "JavaScript",
        "JS" => Object::string_literal(format!("app.alert('{marker}')")),
    }
}

/// A link annotation running `action` when clicked.
fn link(action: impl Into<Object>) -> Object {
    Object::Dictionary(dictionary! {
        "Type" => "Annot",
        "Subtype" => "Link",
        "Rect" => vec![0.into(), 0.into(), 100.into(), 20.into()],
        "A" => action,
    })
}

/// A file specification embedding a file whose bytes contain `marker`.
fn embedded_file(doc: &mut Document, marker: &str) -> ObjectId {
    let bytes = format!("the attached file {marker}").into_bytes();
    let stream = doc.add_object(
        Stream::new(dictionary! { "Type" => "EmbeddedFile" }, bytes).with_compression(false),
    );
    doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal("attached.txt"),
        "EF" => dictionary! { "F" => stream },
    })
}

// ---------------------------------------------------------------- checks

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Cleans `original` (which must hold `marker` and the `removed` names) and checks that
/// they are all gone while the page, its box and its text stay. Returns the clean file,
/// reopened.
fn assert_cleaned(original: &[u8], marker: &str, removed: &[&str]) -> Document {
    for needle in std::iter::once(marker).chain(removed.iter().copied()) {
        assert!(
            contains(original, needle.as_bytes()),
            "the test file lacks {needle}"
        );
    }
    let clean = sanitize(original).expect("a PDF is accepted");
    assert_eq!(clean.kind, Kind::Pdf);
    for needle in std::iter::once(marker).chain(removed.iter().copied()) {
        assert!(
            !contains(&clean.bytes, needle.as_bytes()),
            "{needle} left in the cleaned file"
        );
    }
    assert!(contains(&clean.bytes, b"KEEP-TEXT"), "the page text stays");
    let reopened = Document::load_mem(&clean.bytes).expect("still a PDF");
    let pages = reopened.get_pages();
    assert_eq!(pages.len(), 1);
    let page = reopened.get_dictionary(pages[&1]).expect("the page");
    assert!(page.has(b"MediaBox") && page.has(b"Contents"));
    reopened
}

/// How many annotations the only page of `doc` has left.
fn annotations_left(doc: &Document) -> usize {
    let page = doc.get_dictionary(doc.get_pages()[&1]).expect("the page");
    match page.get(b"Annots") {
        Ok(Object::Array(annotations)) => annotations.len(),
        _ => 0,
    }
}

/// A link whose action is of type `kind`, naming `marker` as its target, loses it.
fn assert_link_action_removed(kind: &str, marker: &str) {
    let original = pdf_with_annotations(|_| {
        vec![link(dictionary! {
            "S" => kind,
            "F" => Object::string_literal(marker),
        })]
    });
    let clean = assert_cleaned(&original, marker, &[&format!("/{kind}")]);
    assert_eq!(
        annotations_left(&clean),
        1,
        "the link stays, without its action"
    );
}

// ---------------------------------------------------------------- scripts

#[test]
fn a_javascript_link_annotation_is_removed() {
    let original = pdf_with_annotations(|_| vec![link(script("JS-LINK-SECRET"))]);
    assert_cleaned(&original, "JS-LINK-SECRET", &["/JavaScript", "/JS"]);
}

#[test]
fn a_javascript_action_behind_a_reference_is_removed() {
    let original = pdf_with_annotations(|doc| {
        let action = doc.add_object(script("JS-REF-SECRET"));
        vec![link(action)]
    });
    assert_cleaned(&original, "JS-REF-SECRET", &["/JavaScript", "/JS"]);
}

#[test]
fn an_annotations_additional_actions_are_removed() {
    let original = pdf_with_annotations(|doc| {
        let annotation = doc.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Square",
            "Rect" => vec![0.into(), 0.into(), 50.into(), 50.into()],
            "AA" => dictionary! { "E" => script("ANNOT-AA-SECRET") },
        });
        vec![annotation.into()]
    });
    let clean = assert_cleaned(&original, "ANNOT-AA-SECRET", &["/AA", "/JavaScript", "/JS"]);
    assert_eq!(annotations_left(&clean), 1, "the harmless square stays");
}

#[test]
fn a_pages_additional_actions_are_removed() {
    let original = pdf_with(|doc, parts| {
        let action = doc.add_object(script("PAGE-AA-SECRET"));
        dictionary(doc, parts.page).set("AA", dictionary! { "O" => action });
    });
    assert_cleaned(&original, "PAGE-AA-SECRET", &["/AA", "/JavaScript", "/JS"]);
}

#[test]
fn a_javascript_open_action_is_removed() {
    let original = pdf_with(|doc, parts| {
        dictionary(doc, parts.catalog).set("OpenAction", script("OPEN-SECRET"));
    });
    assert_cleaned(
        &original,
        "OPEN-SECRET",
        &["/OpenAction", "/JavaScript", "/JS"],
    );
}

#[test]
fn a_document_level_script_tree_is_removed() {
    let original = pdf_with(|doc, parts| {
        let action = doc.add_object(script("NAMES-SECRET"));
        let names = dictionary! {
            "JavaScript" => dictionary! {
                "Names" => vec![Object::string_literal("init"), action.into()],
            },
        };
        dictionary(doc, parts.catalog).set("Names", names);
    });
    assert_cleaned(&original, "NAMES-SECRET", &["/JavaScript", "/JS"]);
}

#[test]
fn a_script_tree_behind_a_reference_is_removed() {
    let original = pdf_with(|doc, parts| {
        let tree = doc.add_object(dictionary! {
            "Names" => vec![Object::string_literal("init"), script("NAMES-REF-SECRET").into()],
        });
        let names = doc.add_object(dictionary! { "JavaScript" => tree });
        dictionary(doc, parts.catalog).set("Names", names);
    });
    assert_cleaned(&original, "NAMES-REF-SECRET", &["/JavaScript", "/JS"]);
}

#[test]
fn a_script_at_the_end_of_an_action_chain_is_removed() {
    let original = pdf_with_annotations(|doc| {
        let second = doc.add_object(script("NEXT-SECRET"));
        vec![link(dictionary! {
            "S" => "URI",
            "URI" => Object::string_literal("https://example.org/first"),
            "Next" => second,
        })]
    });
    let clean = assert_cleaned(&original, "NEXT-SECRET", &["/JavaScript", "/JS", "/Next"]);
    assert_eq!(annotations_left(&clean), 1, "the link itself stays");
}

#[test]
fn a_script_in_an_outline_item_is_removed() {
    let original = pdf_with(|doc, parts| {
        let outlines = doc.new_object_id();
        let item = doc.add_object(dictionary! {
            "Title" => Object::string_literal("Chapter"),
            "Parent" => outlines,
            "A" => script("OUTLINE-SECRET"),
        });
        doc.objects.insert(
            outlines,
            Object::Dictionary(dictionary! { "First" => item, "Last" => item, "Count" => 1 }),
        );
        dictionary(doc, parts.catalog).set("Outlines", outlines);
    });
    assert_cleaned(&original, "OUTLINE-SECRET", &["/JavaScript", "/JS"]);
}

#[test]
fn a_form_field_script_and_xfa_are_removed() {
    let original = pdf_with(|doc, parts| {
        let xfa = doc.add_object(
            Stream::new(dictionary! {}, b"<xdp:xdp>XFA-SECRET</xdp:xdp>".to_vec())
                .with_compression(false),
        );
        let field = doc.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "Widget",
            "FT" => "Tx",
            "T" => Object::string_literal("name"),
            "Rect" => vec![0.into(), 0.into(), 200.into(), 20.into()],
            "P" => parts.page,
            "AA" => dictionary! { "K" => script("FIELD-SECRET") },
            "A" => script("FIELD-SECRET"),
        });
        dictionary(doc, parts.page).set("Annots", vec![field.into()]);
        let form = dictionary! { "Fields" => vec![field.into()], "XFA" => xfa };
        dictionary(doc, parts.catalog).set("AcroForm", form);
    });
    let clean = assert_cleaned(
        &original,
        "FIELD-SECRET",
        &["XFA-SECRET", "/XFA", "/AA", "/JavaScript", "/JS"],
    );
    assert_eq!(annotations_left(&clean), 1, "the plain text field stays");
}

// ---------------------------------------------------------------- actions

#[test]
fn a_launch_action_is_removed() {
    assert_link_action_removed("Launch", "LAUNCH-SECRET.exe");
}

#[test]
fn a_submit_form_action_is_removed() {
    assert_link_action_removed("SubmitForm", "https://SUBMIT-SECRET.example");
}

#[test]
fn an_import_data_action_is_removed() {
    assert_link_action_removed("ImportData", "IMPORT-SECRET.fdf");
}

#[test]
fn a_remote_go_to_action_is_removed() {
    assert_link_action_removed("GoToR", "GOTOR-SECRET.pdf");
}

#[test]
fn an_embedded_go_to_action_is_removed() {
    assert_link_action_removed("GoToE", "GOTOE-SECRET.pdf");
}

// ---------------------------------------------------------------- files and media

#[test]
fn an_embedded_files_tree_and_its_file_are_removed() {
    let original = pdf_with(|doc, parts| {
        let file = embedded_file(doc, "EMBEDDED-SECRET");
        let names = dictionary! {
            "EmbeddedFiles" => dictionary! {
                "Names" => vec![Object::string_literal("attached.txt"), file.into()],
            },
        };
        dictionary(doc, parts.catalog).set("Names", names);
    });
    assert_cleaned(
        &original,
        "EMBEDDED-SECRET",
        &["/EmbeddedFiles", "/EmbeddedFile", "/EF", "attached.txt"],
    );
}

#[test]
fn a_file_attachment_annotation_is_removed() {
    let original = pdf_with_annotations(|doc| {
        let file = embedded_file(doc, "ATTACHMENT-SECRET");
        let annotation = doc.add_object(dictionary! {
            "Type" => "Annot",
            "Subtype" => "FileAttachment",
            "Rect" => vec![0.into(), 0.into(), 20.into(), 20.into()],
            "FS" => file,
        });
        vec![annotation.into()]
    });
    let clean = assert_cleaned(
        &original,
        "ATTACHMENT-SECRET",
        &["/FileAttachment", "/EmbeddedFile", "/EF"],
    );
    assert_eq!(annotations_left(&clean), 0);
}

#[test]
fn a_rich_media_annotation_is_removed() {
    let original = pdf_with_annotations(|doc| {
        let file = embedded_file(doc, "RICH-MEDIA-SECRET");
        vec![Object::Dictionary(dictionary! {
            "Type" => "Annot",
            "Subtype" => "RichMedia",
            "Rect" => vec![0.into(), 0.into(), 320.into(), 240.into()],
            "RichMediaContent" => dictionary! {
                "Assets" => dictionary! {
                    "Names" => vec![Object::string_literal("movie.swf"), file.into()],
                },
            },
        })]
    });
    let clean = assert_cleaned(
        &original,
        "RICH-MEDIA-SECRET",
        &["/RichMedia", "/EmbeddedFile", "movie.swf"],
    );
    assert_eq!(annotations_left(&clean), 0);
}

// ---------------------------------------------------------------- what stays

#[test]
fn a_web_link_an_internal_link_and_the_page_text_survive() {
    let original = pdf_with_annotations(|doc| {
        let page = doc.get_pages()[&1];
        vec![
            link(dictionary! {
                "S" => "URI",
                "URI" => Object::string_literal("https://example.org/KEEP-LINK"),
            }),
            link(dictionary! {
                "S" => "GoTo",
                "D" => vec![page.into(), "Fit".into()],
            }),
        ]
    });
    let clean = sanitize(&original).expect("a PDF is accepted");
    for kept in [&b"KEEP-TEXT"[..], b"KEEP-LINK", b"/URI", b"/GoTo"] {
        assert!(
            contains(&clean.bytes, kept),
            "{} lost",
            String::from_utf8_lossy(kept)
        );
    }
    let reopened = Document::load_mem(&clean.bytes).expect("still a PDF");
    assert_eq!(reopened.get_pages().len(), 1);
    assert_eq!(annotations_left(&reopened), 2);
}
