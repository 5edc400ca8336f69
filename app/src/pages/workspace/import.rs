//! `/ruang-kerja/impor`: a national administrator copies a social-media post into a
//! report (channel `social`, the post's link under the story). Rendered from the
//! context `server::workspace::import` provides; a plain form, no script needed.

use leptos::prelude::*;

use super::StaffBar;
use crate::api::workspace::ImportScreen;
use crate::i18n::{t, use_locale, Key};
use crate::labels;
use crate::model::social::{PostField, PostProblem};
use crate::model::validation::Field;
use crate::model::Classification;
use crate::pages::not_found::NotFound;
use crate::paths;

#[component]
pub fn ImportPage() -> impl IntoView {
    let Some(screen) = use_context::<ImportScreen>() else {
        return NotFound().into_any();
    };
    let ImportScreen {
        me,
        allowed,
        form,
        problems,
        failed,
    } = screen;
    if !allowed {
        return view! {
            <StaffBar me/>
            <section class="card">
                <p class="error" role="alert">{t(Key::WsImportForbidden)}</p>
                <p><a href=paths::WORKSPACE>{t(Key::WsBackToQueue)}</a></p>
            </section>
        }
        .into_any();
    }
    let locale = use_locale();
    let error = move |field: PostField| message(&problems, field, locale);
    let classes = Classification::ALL
        .into_iter()
        .map(|c| {
            let selected = form.jenis == c.code();
            view! { <option value=c.code() selected=selected>{t(labels::classification(c))}</option> }
        })
        .collect_view();
    view! {
        <StaffBar me/>
        <p><a href=paths::WORKSPACE data-shortcut="back">{t(Key::WsBackToQueue)}</a></p>
        <h1>{t(Key::WsImport)}</h1>
        <p>{t(Key::WsImportIntro)}</p>
        {failed.then(|| view! { <p class="error" role="alert">{t(Key::ErrUnavailable)}</p> })}
        <form method="post" action=paths::WORKSPACE_IMPORT class="card" data-whole-page>
            <div class="field">
                <label for="tautan">{t(Key::WsImportLink)}</label>
                <p class="hint">{t(Key::WsImportLinkHint)}</p>
                <input id="tautan" name="tautan" type="url" value=form.tautan maxlength="500"/>
                <p class="field-error" role="alert">{error(PostField::Link)}</p>
            </div>
            <div class="field">
                <label for="akun">{t(Key::WsImportAccount)}</label>
                <input id="akun" name="akun" type="text" value=form.akun maxlength="100"/>
                <p class="field-error" role="alert">{error(PostField::Account)}</p>
            </div>
            <div class="field">
                <label for="jenis">{t(Key::FieldClassification)}</label>
                <select id="jenis" name="jenis">
                    <option value="">"—"</option>
                    {classes}
                </select>
                <p class="field-error" role="alert">{error(PostField::Classification)}</p>
            </div>
            <div class="field">
                <label for="judul">{t(Key::FieldTitle)}</label>
                <input id="judul" name="judul" type="text" value=form.judul maxlength="150"/>
                <p class="field-error" role="alert">{error(PostField::Title)}</p>
            </div>
            <div class="field">
                <label for="isi">{t(Key::WsImportBody)}</label>
                <textarea
                    id="isi"
                    name="isi"
                    rows="6"
                    inner_html=crate::components::text_area::textarea_html(&form.isi)
                ></textarea>
                <p class="field-error" role="alert">{error(PostField::Body)}</p>
            </div>
            <button type="submit" class="button">{t(Key::WsImportSubmit)}</button>
        </form>
    }
    .into_any()
}

/// The problem with `field`, in words.
fn message(
    problems: &[PostProblem],
    field: PostField,
    locale: crate::i18n::Locale,
) -> Option<String> {
    let problem = problems.iter().find(|p| p.field == field)?.problem;
    if field == PostField::Link && problem == crate::model::validation::Problem::Invalid {
        return Some(Key::WsImportLinkInvalid.text(locale).to_string());
    }
    let as_form_field = match field {
        PostField::Link => Field::Address,
        PostField::Account => Field::Name,
        PostField::Classification => Field::Classification,
        PostField::Title => Field::Title,
        PostField::Body => Field::Body,
    };
    let text = labels::problem(as_form_field, problem, locale);
    // The link's "required" names it by its own label.
    Some(if field == PostField::Link {
        text.replace(
            labels::field(Field::Address).text(locale),
            Key::WsImportLink.text(locale),
        )
    } else {
        text
    })
}
