use leptos::prelude::*;
use leptos_meta::{Meta, Stylesheet};
use leptos_router::hooks::use_query_map;

use super::StaffFrameStatic;
use crate::api::workspace::SignInNotice;
use crate::i18n::{t, Key};
use crate::paths;

/// `/masuk`: the staff sign-in form. It posts to `/masuk` without any script (the page
/// is the staff's: it has no islands router, and warms the staff bundle).
#[component]
pub fn SignInPage() -> impl IntoView {
    let notice = use_context::<SignInNotice>();
    let query = use_query_map();
    let signed_out = query.read_untracked().get("keluar").is_some();
    let email = notice.as_ref().map(|n| n.email.clone()).unwrap_or_default();
    // Checked again when the form comes back: only a workspace path is ever followed.
    let back = notice
        .as_ref()
        .and_then(|n| n.back.clone())
        .or_else(|| query.read_untracked().get("ke"));
    view! {
        <Meta name="description" content=t(Key::MetaSignIn)/>
        <Stylesheet id="ruang-kerja" href="/css/ruang-kerja.css"/>
        <StaffFrameStatic me=None>
        <section class="card narrow">
            <h1>{t(Key::WsSignInTitle)}</h1>
            {signed_out.then(|| view! { <p class="flash" role="status">{t(Key::WsSignedOut)}</p> })}
            {notice.map(|n| view! { <p class="error" role="alert" data-testid="sign-in-error">{t(n.message)}</p> })}
            <form method="post" action=paths::STAFF_SIGN_IN class="stack">
                {back.map(|back| view! { <input type="hidden" name="ke" value=back/> })}
                <label for="email">{t(Key::WsEmail)}</label>
                <input id="email" name="email" type="email" autocomplete="username" required value=email/>
                <label for="kata_sandi">{t(Key::WsPassword)}</label>
                <input id="kata_sandi" name="kata_sandi" type="password" autocomplete="current-password" required/>
                <button type="submit" class="primary">{t(Key::WsSignInButton)}</button>
            </form>
            <p class="hint">{t(Key::WsSignInNote)}</p>
        </section>
        </StaffFrameStatic>
    }
}
