//! The identity pool module's wasm facade (feature `module-identity`): the requests and
//! replies of `flows::identity` for `pkg-template/identity.ts`, which the driver loads
//! when the configuration names an identity pool. The boundary's contract is in
//! `crate::abi`.
#![allow(unsafe_code)] // raw pointers are what the ABI is
#![allow(clippy::missing_safety_doc)] // every export has the contract of `crate::abi`

use crate::abi::*;
#[allow(unused_imports)]
use crate::prelude::*;
use cognito_wasm::codec::json::{self, Json};
use cognito_wasm::flows::identity;

fn body_json(body: String) -> Json {
    json::parse(&body).unwrap_or(Json::Null)
}

/// The `Logins` map (JSON text) for the user's ID token; no value for a guest (`guest` != 0).
#[no_mangle]
pub unsafe extern "C" fn identity_logins(
    pool: *mut u8,
    pool_len: usize,
    id_token: *mut u8,
    id_token_len: usize,
    guest: i32,
) -> i32 {
    let (pool, id_token) = unsafe { (text(pool, pool_len), take(id_token, id_token_len)) };
    match identity::logins(&pool, id_token.as_deref(), guest != 0) {
        Ok(l) => maybe(l),
        Err(e) => fail(&e),
    }
}

/// `GetId` (`logins`: JSON text, absent for a guest).
#[no_mangle]
pub unsafe extern "C" fn identity_get_id(
    pool: *mut u8,
    pool_len: usize,
    logins: *mut u8,
    logins_len: usize,
) -> i32 {
    let (pool, logins) = unsafe { (text(pool, pool_len), take(logins, logins_len)) };
    give(request_json(&identity::get_id(&pool, logins.as_deref())))
}

/// `GetId`'s successful reply: the identity id.
#[no_mangle]
pub unsafe extern "C" fn identity_get_id_reply(body: *mut u8, body_len: usize) -> i32 {
    result(identity::get_id_reply(&body_json(unsafe {
        text(body, body_len)
    })))
}

/// `GetCredentialsForIdentity`.
#[no_mangle]
pub unsafe extern "C" fn identity_credentials(
    id: *mut u8,
    id_len: usize,
    logins: *mut u8,
    logins_len: usize,
) -> i32 {
    let (id, logins) = unsafe { (text(id, id_len), take(logins, logins_len)) };
    give(request_json(&identity::get_credentials(
        &id,
        logins.as_deref(),
    )))
}

/// Its successful reply: `{ identityId, credentials }` (`expiration` in ms).
#[no_mangle]
pub unsafe extern "C" fn identity_credentials_reply(
    body: *mut u8,
    body_len: usize,
    id: *mut u8,
    id_len: usize,
    now_ms: f64,
) -> i32 {
    let (body, id) = unsafe { (text(body, body_len), text(id, id_len)) };
    result(identity::credentials_reply(&body_json(body), &id, now_ms).map(|c| c.to_json()))
}
