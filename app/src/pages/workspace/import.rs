//! `/ruang-kerja/impor`: a national administrator copies a social-media post into a
//! report (channel `social`, the post's link under the story). Rendered from the
//! context `server::workspace::import` provides; a plain form, no script needed.

use leptos::prelude::*;

use super::StaffFrameStatic;
use crate::api::workspace::ImportScreen;
use crate::components::field::{described_by, FormField};
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
            <StaffFrameStatic me=Some(me)>
                <section class="card">
                    <p class="error" role="alert">{t(Key::WsImportForbidden)}</p>
                    <p><a href=paths::WORKSPACE>{t(Key::WsNavDashboard)}</a></p>
                </section>
            </StaffFrameStatic>
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
        <StaffFrameStatic me=Some(me)>
        <h1>{t(Key::WsImport)}</h1>
        <p>{t(Key::WsImportIntro)}</p>
        {failed.then(|| view! { <p class="error" role="alert">{t(Key::ErrUnavailable)}</p> })}
        <form method="post" action=paths::WORKSPACE_IMPORT class="card">
            <FormField id="tautan" label=Key::WsImportLink hint=Key::WsImportLinkHint error=error(PostField::Link)>
                <input id="tautan" name="tautan" type="url" value=form.tautan maxlength="500"
                    aria-describedby=described_by("tautan", true)/>
            </FormField>
            <FormField id="akun" label=Key::WsImportAccount error=error(PostField::Account)>
                <input id="akun" name="akun" type="text" value=form.akun maxlength="100"
                    aria-describedby=described_by("akun", false)/>
            </FormField>
            <FormField id="jenis" label=Key::FieldClassification error=error(PostField::Classification)>
                <select id="jenis" name="jenis" aria-describedby=described_by("jenis", false)>
                    <option value="">"—"</option>
                    {classes}
                </select>
            </FormField>
            <FormField id="judul" label=Key::FieldTitle error=error(PostField::Title)>
                <input id="judul" name="judul" type="text" value=form.judul maxlength="150"
                    aria-describedby=described_by("judul", false)/>
            </FormField>
            <FormField id="isi" label=Key::WsImportBody error=error(PostField::Body)>
                <textarea
                    id="isi"
                    name="isi"
                    rows="6"
                    aria-describedby=described_by("isi", false)
                    inner_html=crate::components::text_area::textarea_html(&form.isi)
                ></textarea>
            </FormField>
            <button type="submit" class="button">{t(Key::WsImportSubmit)}</button>
        </form>
        </StaffFrameStatic>
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
