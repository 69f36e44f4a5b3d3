//! The hosted UI module's wasm facade (feature `module-oauth`): `flows::redirect` for
//! `pkg-template/oauth.ts`, which the driver loads for signInWithRedirect, for a page
//! that came back from the hosted UI, and for the hosted UI's logout. The boundary's
//! contract is in `crate::abi`.
#![allow(unsafe_code)] // raw pointers are what the ABI is
#![allow(clippy::missing_safety_doc)] // every export has the contract of `crate::abi`

use crate::abi::*;
#[allow(unused_imports)]
use crate::prelude::*;
use cognito_wasm::codec::json::{self, Json, Obj};
use cognito_wasm::core::oauth::AuthorizeOptions;
use cognito_wasm::flows::redirect::{self, Callback, HostedUi};
use cognito_wasm::wire::user_pool::AuthResult;
use zeroize::Zeroize;

/// `loginWith.oauth` as config.js normalised it (JSON text), for app client `client`.
unsafe fn hosted(cfg: *mut u8, cfg_len: usize, client: *mut u8, client_len: usize) -> HostedUi {
    let v = json::parse(&unsafe { text(cfg, cfg_len) }).unwrap_or(Json::Null);
    let list = |k: &str| -> Vec<String> {
        match v.get(k) {
            Some(Json::Arr(a)) => a
                .iter()
                .filter_map(|s| s.as_str().map(str::to_string))
                .collect(),
            Some(Json::Str(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    };
    HostedUi::new(
        v.str("domain").unwrap_or_default(),
        list("scopes"),
        list("redirectSignIn"),
        list("redirectSignOut"),
        v.str("responseType").unwrap_or("code"),
        &unsafe { text(client, client_len) },
    )
}

fn tokens_and_user(t: AuthResult) -> String {
    let s = redirect::signed_in(t);
    Obj::new()
        .raw("tokens", &tokens_json(&s.tokens))
        .str("username", &s.username)
        .end()
}

/// signInWithRedirect from the page at `current`: `{ url, state, verifier }`. `provider`:
/// Amplify's name (`Google`, `Amazon`, …) or, with `custom` set, none. `random`:
/// `flows::redirect::RANDOM_BYTES` fresh bytes.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn oauth_authorize(
    cfg: *mut u8,
    cfg_len: usize,
    client: *mut u8,
    client_len: usize,
    current: *mut u8,
    current_len: usize,
    provider: *mut u8,
    provider_len: usize,
    custom: *mut u8,
    custom_len: usize,
    custom_state: *mut u8,
    custom_state_len: usize,
    login_hint: *mut u8,
    login_hint_len: usize,
    lang: *mut u8,
    lang_len: usize,
    nonce: *mut u8,
    nonce_len: usize,
    prompt: *mut u8,
    prompt_len: usize,
    random: *mut u8,
    random_len: usize,
) -> i32 {
    let ui = unsafe { hosted(cfg, cfg_len, client, client_len) };
    let current = unsafe { text(current, current_len) };
    let (provider, custom, custom_state) = unsafe {
        (
            take(provider, provider_len),
            take(custom, custom_len),
            take(custom_state, custom_state_len),
        )
    };
    let (login_hint, lang, nonce, prompt) = unsafe {
        (
            take(login_hint, login_hint_len),
            take(lang, lang_len),
            take(nonce, nonce_len),
            take(prompt, prompt_len),
        )
    };
    let mut random = unsafe { bytes(random, random_len) };
    let provider = custom.or_else(|| provider.map(|p| redirect::provider_name(&p).to_string()));
    let opts = AuthorizeOptions {
        login_hint: login_hint.as_deref(),
        lang: lang.as_deref(),
        nonce: nonce.as_deref(),
        prompt: prompt.as_deref(),
    };
    let r = ui.authorize(
        &current,
        provider.as_deref(),
        custom_state.as_deref(),
        &opts,
        &random,
    );
    random.zeroize();
    result(r.map(|a| {
        Obj::new()
            .str("url", &a.url)
            .str("state", &a.state)
            .str("verifier", &a.verifier)
            .end()
    }))
}

/// The page at `current` came back while a sign-in was in flight (`state`, `verifier`:
/// the kept ones): `{ exchange: { url, body } }` to POST, or `{ tokens, username }`
/// (implicit flow); with `redirectUri` and `customState` either way.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn oauth_callback(
    cfg: *mut u8,
    cfg_len: usize,
    client: *mut u8,
    client_len: usize,
    current: *mut u8,
    current_len: usize,
    state: *mut u8,
    state_len: usize,
    verifier: *mut u8,
    verifier_len: usize,
) -> i32 {
    let ui = unsafe { hosted(cfg, cfg_len, client, client_len) };
    let current = unsafe { text(current, current_len) };
    let (saved, mut verifier) = unsafe { (take(state, state_len), take(verifier, verifier_len)) };
    let r = ui.callback(&current, saved.as_deref(), verifier.as_deref());
    verifier.zeroize();
    result(r.and_then(|(cb, state)| {
        let mut o = match cb {
            Callback::Exchange { url, body } => Obj::new().raw(
                "exchange",
                &Obj::new().str("url", &url).str("body", &body).end(),
            ),
            Callback::Tokens(t) => {
                let s = redirect::signed_in(t);
                Obj::new()
                    .raw("tokens", &tokens_json(&s.tokens))
                    .str("username", &s.username)
            }
        };
        o = o
            .str("redirectUri", &ui.redirect_uri(&current)?)
            .opt_str("customState", redirect::custom_state(&state).as_deref());
        Ok(o.end())
    }))
}

/// The token endpoint's reply: `{ tokens, username }`, or the error it names.
#[no_mangle]
pub unsafe extern "C" fn oauth_token_reply(status: i32, body: *mut u8, body_len: usize) -> i32 {
    let body = unsafe { text(body, body_len) };
    result(redirect::token_reply(status as u16, &body).map(tokens_and_user))
}

/// `current` cleaned of OAuth response parameters, when it is a callback URL with any.
#[no_mangle]
pub unsafe extern "C" fn oauth_cleaned(
    cfg: *mut u8,
    cfg_len: usize,
    client: *mut u8,
    client_len: usize,
    current: *mut u8,
    current_len: usize,
) -> i32 {
    let ui = unsafe { hosted(cfg, cfg_len, client, client_len) };
    maybe(ui.cleaned(&unsafe { text(current, current_len) }))
}

/// The hosted UI's logout URL for the page at `current`.
#[no_mangle]
pub unsafe extern "C" fn oauth_logout(
    cfg: *mut u8,
    cfg_len: usize,
    client: *mut u8,
    client_len: usize,
    current: *mut u8,
    current_len: usize,
) -> i32 {
    let ui = unsafe { hosted(cfg, cfg_len, client, client_len) };
    result(ui.logout(&unsafe { text(current, current_len) }))
}
