//! The typed core's wasm facade (feature `engine-v2`): what the package's JavaScript
//! driver (`pkg-template/driver.ts`, through `pkg-template/core-v2.ts`) calls for the
//! sign-in, session, refresh and sign-out of an app with a user pool only.
//! Synchronous: the driver does fetch, storage, locks, waiting and events. Values
//! cross as JSON text; errors as the JSON of an `AuthError`. Secrets stay in the
//! flows' memory between steps. The boundary's contract is in `crate::abi`.
#![allow(unsafe_code)] // raw pointers are what the ABI is
#![allow(clippy::missing_safety_doc)] // every export has the contract of `crate::abi`

use crate::abi::*;
#[allow(unused_imports)]
use crate::prelude::*;
use cognito_wasm::codec::json::{self, Json, Obj};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::crypto::device_srp::DeviceSecret;
use cognito_wasm::crypto::srp::SrpClient;
use cognito_wasm::flows::device;
use cognito_wasm::flows::refresh::{Refresh as RefreshFlow, RefreshStep};
use cognito_wasm::flows::session::{self, Session};
use cognito_wasm::flows::sign_in::{PasswordFlow, PasswordSignIn};
use cognito_wasm::wire::user_pool::{self as up, AuthResult};
use zeroize::Zeroize;

// ---- SRP, prepared ahead of time (`A = g^a` is the slow part) ----

/// From 32 random bytes (zeroed here after use).
#[no_mangle]
pub unsafe extern "C" fn srp_new(random: *mut u8, len: usize) -> i32 {
    let mut seed = unsafe { bytes(random, len) };
    let r = SrpClient::new(&seed);
    seed.zeroize();
    handle(r)
}

#[no_mangle]
pub unsafe extern "C" fn srp_free(h: i32) {
    unsafe { drop_handle::<SrpClient>(h) }
}

// ---- remembered devices ----

/// The sign-in `h` stopped at DEVICE_SRP_AUTH goes on as the remembered device proving
/// itself (`PasswordSignIn::device`): its key, group key and password, and 32 random
/// bytes for its SRP. Then `signin_start` again, as a sign-in. No value; an error as usual.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn signin_device(
    h: i32,
    key: *mut u8,
    key_len: usize,
    group: *mut u8,
    group_len: usize,
    password: *mut u8,
    password_len: usize,
    random: *mut u8,
    random_len: usize,
) -> i32 {
    // Wiped when dropped (`DeviceSecret`'s Drop).
    let secret = unsafe {
        DeviceSecret::new(
            text(key, key_len),
            text(group, group_len),
            text(password, password_len),
        )
    };
    let mut seed = unsafe { bytes(random, random_len) };
    let flow = unsafe { at::<PasswordSignIn>(h) };
    let r = flow.device(&secret, &seed);
    seed.zeroize();
    match r {
        Ok(()) => -1,
        Err(e) => fail(&e),
    }
}

/// ConfirmDevice for a new device (`flows::device::confirm`): `{ send, password }`, the
/// request and the device password to keep once Cognito took it. `random`:
/// `flows::device::RANDOM_BYTES` fresh bytes.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn device_confirm(
    access: *mut u8,
    access_len: usize,
    key: *mut u8,
    key_len: usize,
    group: *mut u8,
    group_len: usize,
    random: *mut u8,
    random_len: usize,
    name: *mut u8,
    name_len: usize,
) -> i32 {
    let (access, key, group, name) = unsafe {
        (
            text(access, access_len),
            text(key, key_len),
            text(group, group_len),
            text(name, name_len),
        )
    };
    let mut random = unsafe { bytes(random, random_len) };
    let r = device::confirm(&access, &key, &group, &random, &name);
    random.zeroize();
    result(r.map(|(req, password)| {
        Obj::new()
            .raw("send", &request_json(&req))
            .str("password", &password)
            .end()
    }))
}

// ---- one password sign-in (see `flows::sign_in`) ----

/// `flow`: 1 `CUSTOM_WITH_SRP`, 2 `USER_PASSWORD_AUTH`, 3 `CUSTOM_WITHOUT_SRP`, 4
/// `USER_AUTH`, any other `USER_SRP_AUTH` (core-v2.js's `FLOWS`). `srp`: a handle
/// prepared ahead of time (taken over here), else `0` and one is made from `random`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn signin_new(
    flow: i32,
    pool: *mut u8,
    pool_len: usize,
    client: *mut u8,
    client_len: usize,
    user: *mut u8,
    user_len: usize,
    password: *mut u8,
    password_len: usize,
    metadata: *mut u8,
    metadata_len: usize,
    srp: i32,
    random: *mut u8,
    random_len: usize,
    preferred: *mut u8,
    preferred_len: usize,
    select_session: *mut u8,
    select_session_len: usize,
) -> i32 {
    let (preferred, select_session) = unsafe {
        (
            take(preferred, preferred_len),
            take(select_session, select_session_len),
        )
    };
    let (pool, client, user) = unsafe {
        (
            text(pool, pool_len),
            text(client, client_len),
            text(user, user_len),
        )
    };
    let mut password = unsafe { text(password, password_len) };
    let metadata = pairs(unsafe { take(metadata, metadata_len) });
    let mut seed = unsafe { bytes(random, random_len) };
    let kind = match flow {
        1 => PasswordFlow::CustomWithSrp,
        2 => PasswordFlow::Password,
        3 => PasswordFlow::Custom,
        4 => PasswordFlow::UserAuth,
        _ => PasswordFlow::Srp,
    };
    let uses_srp = match kind {
        PasswordFlow::Password | PasswordFlow::Custom => false,
        PasswordFlow::UserAuth => preferred.as_deref() == Some("PASSWORD_SRP"),
        _ => true,
    };
    let prepared = (srp > 0).then(|| *unsafe { Box::from_raw(srp as *mut SrpClient) });
    let srp = match (uses_srp, prepared) {
        (false, _) => Ok(None),
        (true, Some(s)) => Ok(Some(s)),
        (true, None) => SrpClient::new(&seed).map(Some),
    };
    seed.zeroize();
    let r = srp.map(|srp| {
        PasswordSignIn::new(kind, &pool, &client, &user, &password, metadata, srp)
            .prefer(preferred, select_session)
    });
    password.zeroize();
    handle(r)
}

/// The answer to a pending challenge (confirmSignIn), as a sign-in handle that goes on
/// like one (`signin_start` first). The steps module (`crate::steps::answer_responses`)
/// made `what` (the challenge answered), `responses` (`{ "k": "v" }` text) and
/// `with_device` (1: the remembered device's key goes with them); `metadata` too is
/// `{ "k": "v" }` text.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn signin_answer(
    client: *mut u8,
    client_len: usize,
    user: *mut u8,
    user_len: usize,
    what: *mut u8,
    what_len: usize,
    session: *mut u8,
    session_len: usize,
    responses: *mut u8,
    responses_len: usize,
    with_device: i32,
    metadata: *mut u8,
    metadata_len: usize,
) -> i32 {
    let (client, user, what, session) = unsafe {
        (
            text(client, client_len),
            text(user, user_len),
            text(what, what_len),
            take(session, session_len),
        )
    };
    // A new password may be among the responses: zeroed once they are pairs.
    let mut raw = unsafe { take(responses, responses_len) };
    let responses = raw.as_deref().and_then(pairs_in);
    raw.zeroize();
    let metadata = pairs(unsafe { take(metadata, metadata_len) });
    let Some(responses) = responses else {
        return fail(&AuthError::new(
            "SignInException",
            "The challenge's answer could not be read.",
        ));
    };
    handle(Ok(PasswordSignIn::answer(
        &client,
        &user,
        &what,
        session,
        responses,
        with_device != 0,
        metadata,
    )))
}

/// The remembered device's key for Cognito's name of the user (absent: none).
#[no_mangle]
pub unsafe extern "C" fn signin_with_device(
    h: i32,
    key: *mut u8,
    key_len: usize,
    now_ms: f64,
) -> i32 {
    let key = unsafe { take(key, key_len) };
    step_json(unsafe { at::<PasswordSignIn>(h) }.with_device(key, now_ms))
}

#[no_mangle]
pub unsafe extern "C" fn signin_start(h: i32) -> i32 {
    step_json(unsafe { at::<PasswordSignIn>(h) }.start())
}

/// The HTTP reply to the last request.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn signin_on_reply(
    h: i32,
    status: i32,
    rid: *mut u8,
    rid_len: usize,
    etype: *mut u8,
    etype_len: usize,
    body: *mut u8,
    body_len: usize,
) -> i32 {
    let r = unsafe { reply(status, rid, rid_len, etype, etype_len, body, body_len) };
    step_json(unsafe { at::<PasswordSignIn>(h) }.on_reply(r))
}

/// After `forgetDevice`: the same request again, without the device.
#[no_mangle]
pub unsafe extern "C" fn signin_resume(h: i32) -> i32 {
    step_json(unsafe { at::<PasswordSignIn>(h) }.resume())
}

/// Cognito's name for the user so far (the engine continues under it).
#[no_mangle]
pub unsafe extern "C" fn signin_username(h: i32) -> i32 {
    give(unsafe { at::<PasswordSignIn>(h) }.username().into())
}

#[no_mangle]
pub unsafe extern "C" fn signin_free(h: i32) {
    unsafe { drop_handle::<PasswordSignIn>(h) }
}

// ---- a refresh with one refresh token (see `flows::refresh`) ----

fn refresh_step(s: Result<RefreshStep, AuthError>) -> i32 {
    result(s.map(|s| match s {
        RefreshStep::Send(r) => Obj::new().raw("send", &request_json(&r)).end(),
        RefreshStep::Done(t) => Obj::new().raw("done", &tokens_json(&t)).end(),
    }))
}

#[no_mangle]
pub unsafe extern "C" fn refresh_new(
    client: *mut u8,
    client_len: usize,
    token: *mut u8,
    token_len: usize,
    device: *mut u8,
    device_len: usize,
) -> i32 {
    let (client, mut token, device) = unsafe {
        (
            text(client, client_len),
            text(token, token_len),
            take(device, device_len),
        )
    };
    let flow = RefreshFlow::new(&client, &token, device.as_deref());
    token.zeroize();
    handle(Ok(flow))
}

#[no_mangle]
pub unsafe extern "C" fn refresh_start(h: i32) -> i32 {
    refresh_step(Ok(unsafe { at::<RefreshFlow>(h) }.start()))
}

#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn refresh_on_reply(
    h: i32,
    status: i32,
    rid: *mut u8,
    rid_len: usize,
    etype: *mut u8,
    etype_len: usize,
    body: *mut u8,
    body_len: usize,
) -> i32 {
    let r = unsafe { reply(status, rid, rid_len, etype, etype_len, body, body_len) };
    refresh_step(unsafe { at::<RefreshFlow>(h) }.on_reply(r))
}

#[no_mangle]
pub unsafe extern "C" fn refresh_free(h: i32) {
    unsafe { drop_handle::<RefreshFlow>(h) }
}

// ---- replies and errors ----

/// A reply's verdict: no value for a success, else the error it carries (as JSON), so
/// the driver can decide on a retry before the flow reads it.
#[no_mangle]
pub unsafe extern "C" fn reply_error(
    status: i32,
    rid: *mut u8,
    rid_len: usize,
    etype: *mut u8,
    etype_len: usize,
    body: *mut u8,
    body_len: usize,
) -> i32 {
    let r = unsafe { reply(status, rid, rid_len, etype, etype_len, body, body_len) };
    maybe(r.err().map(|e| error_json(&e)))
}

unsafe fn named(name: *mut u8, len: usize, status: i32) -> AuthError {
    let mut e = AuthError::new(unsafe { text(name, len) }, "");
    e.http_status_code = opt_status(status);
    e
}

/// Whether an error is worth another try (no reply, throttling, a 5xx). `status`: -1 if none.
#[no_mangle]
pub unsafe extern "C" fn is_retryable(name: *mut u8, len: usize, status: i32) -> i32 {
    unsafe { named(name, len, status) }.is_retryable() as i32
}

/// Whether an answer to a refresh means the session is dead.
#[no_mangle]
pub unsafe extern "C" fn ends_session(name: *mut u8, len: usize, status: i32) -> i32 {
    unsafe { named(name, len, status) }.ends_session() as i32
}

// ---- the stored session ----

fn view_json(s: &Session, now_ms: f64) -> String {
    let (username, user_id) = s.user();
    let mut o = Obj::new()
        .str("lastAuthUser", &s.username)
        .str("accessToken", &s.access_token)
        .opt_str("idToken", s.id_token.as_deref())
        .opt_str("refreshToken", s.refresh_token.as_deref())
        .bool("expired", s.is_expired(now_ms))
        .opt_str("sub", s.user_sub())
        .opt_str("username", username)
        .opt_str("userId", user_id)
        .bool("revocable", s.revocable());
    if let Some(d) = s.sign_in_details.as_deref().and_then(json::parse) {
        o = o.value("signInDetails", &d);
    }
    o.end()
}

/// The session stored for `username` (the `LastAuthUser`), as the driver read its
/// keys (`Session::KEYS_READ` order, then signInDetails), judged at `now_ms`; no
/// value when that is no session (reads as signed out).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn session_view(
    username: *mut u8,
    username_len: usize,
    access: *mut u8,
    access_len: usize,
    id: *mut u8,
    id_len: usize,
    refresh: *mut u8,
    refresh_len: usize,
    drift: *mut u8,
    drift_len: usize,
    details: *mut u8,
    details_len: usize,
    now_ms: f64,
) -> i32 {
    let username = unsafe { text(username, username_len) };
    let stored = unsafe {
        [
            take(access, access_len),
            take(id, id_len),
            take(refresh, refresh_len),
            take(drift, drift_len),
        ]
    };
    let details = unsafe { take(details, details_len) };
    maybe(Session::from_stored(&username, stored, details).map(|s| view_json(&s, now_ms)))
}

/// What storing new tokens writes (`[[key, value or null], …]`, in order) and the
/// session it makes: `{ writes, view }`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn session_writes(
    client: *mut u8,
    client_len: usize,
    username: *mut u8,
    username_len: usize,
    access: *mut u8,
    access_len: usize,
    id: *mut u8,
    id_len: usize,
    refresh: *mut u8,
    refresh_len: usize,
    previous: *mut u8,
    previous_len: usize,
    details: *mut u8,
    details_len: usize,
    now_ms: f64,
) -> i32 {
    let (client, username) = unsafe { (text(client, client_len), text(username, username_len)) };
    let tokens = AuthResult {
        access_token: unsafe { text(access, access_len) },
        id_token: unsafe { take(id, id_len) },
        refresh_token: unsafe { take(refresh, refresh_len) },
        new_device: None,
    };
    let previous = unsafe { take(previous, previous_len) };
    let details = unsafe { take(details, details_len) };
    result(
        Session::from_result(&username, &tokens, previous.as_deref(), details, now_ms).map(|s| {
            let mut writes = String::from("[");
            for (i, (k, v)) in s.writes(&client).iter().enumerate() {
                if i > 0 {
                    writes.push(',');
                }
                writes.push('[');
                json::write_str(k, &mut writes);
                writes.push(',');
                match v {
                    Some(v) => json::write_str(v, &mut writes),
                    None => writes.push_str("null"),
                }
                writes.push(']');
            }
            writes.push(']');
            Obj::new()
                .raw("writes", &writes)
                .raw("view", &view_json(&s, now_ms))
                .end()
        }),
    )
}

/// The keys a sign-out removes for `username`, `LastAuthUser` last (JSON array).
#[no_mangle]
pub unsafe extern "C" fn clear_keys(
    client: *mut u8,
    client_len: usize,
    username: *mut u8,
    username_len: usize,
) -> i32 {
    let (client, username) = unsafe { (text(client, client_len), text(username, username_len)) };
    let items: Vec<Json> = session::clear_keys(&client, &username)
        .into_iter()
        .map(Json::Str)
        .collect();
    let mut out = String::new();
    json::write(&Json::Arr(items), &mut out);
    give(out)
}

// ---- one-shot requests ----

/// `RevokeToken` (local sign-out) or `GlobalSignOut` (`global` != 0).
#[no_mangle]
pub unsafe extern "C" fn sign_out_request(
    client: *mut u8,
    client_len: usize,
    global: i32,
    access: *mut u8,
    access_len: usize,
    refresh: *mut u8,
    refresh_len: usize,
) -> i32 {
    let (client, access, refresh) = unsafe {
        (
            text(client, client_len),
            text(access, access_len),
            text(refresh, refresh_len),
        )
    };
    give(request_json(&if global != 0 {
        up::global_sign_out(&access)
    } else {
        up::revoke_token(&client, &refresh)
    }))
}

/// The `X-Amz-User-Agent` this library sends.
#[no_mangle]
pub extern "C" fn user_agent() -> i32 {
    give(cognito_wasm::core::protocol::USER_AGENT.into())
}
