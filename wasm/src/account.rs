//! The account module's wasm facade (feature `module-account`): request and result of
//! the one-shot account calls (`flows::account`) for `pkg-template/account.ts`. The
//! call crosses as its index in `AccountOp::ALL`; the boundary's contract is in
//! `crate::abi`.
#![allow(unsafe_code)] // raw pointers are what the ABI is
#![allow(clippy::missing_safety_doc)] // every export has the contract of `crate::abi`

use crate::abi::*;
#[allow(unused_imports)]
use crate::prelude::*;
use cognito_wasm::codec::json::{self, Json};
use cognito_wasm::core::error::AuthError;
use cognito_wasm::flows::account::{self, AccountOp};
use cognito_wasm::flows::session;
use zeroize::Zeroize;

fn op(i: u32) -> Result<AccountOp, AuthError> {
    AccountOp::from_index(i)
        .ok_or_else(|| AuthError::new("UnknownOperationException", "No such account call."))
}

fn input_json(text: &str) -> Json {
    json::parse(text).unwrap_or(Json::Null)
}

/// Whether call `i` acts for the signed-in user (needs their access token).
#[no_mangle]
pub extern "C" fn account_needs_session(i: u32) -> i32 {
    AccountOp::from_index(i).is_some_and(AccountOp::needs_session) as i32
}

/// The request of call `i` (`{ target, body }`) for the app's `input` (JSON); `device`:
/// the key of the device remembered here, if any.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn account_request(
    i: u32,
    client: *mut u8,
    client_len: usize,
    access: *mut u8,
    access_len: usize,
    device: *mut u8,
    device_len: usize,
    input: *mut u8,
    input_len: usize,
) -> i32 {
    let (client, access) = unsafe { (text(client, client_len), text(access, access_len)) };
    let device = unsafe { take(device, device_len) };
    // The input can hold passwords: zeroed once the request is written.
    let mut input = unsafe { text(input, input_len) };
    let r = op(i).and_then(|op| {
        account::request(op, &client, &access, device.as_deref(), &input_json(&input))
    });
    input.zeroize();
    let out = r.map(|r| request_json(&r));
    result(out)
}

/// What call `i` returns to the app (JSON), from Cognito's successful reply `body`.
/// `access` and `user` (the stored `LastAuthUser`) name the user for `setUpTOTP`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn account_result(
    i: u32,
    input: *mut u8,
    input_len: usize,
    access: *mut u8,
    access_len: usize,
    user: *mut u8,
    user_len: usize,
    body: *mut u8,
    body_len: usize,
) -> i32 {
    let mut input = unsafe { text(input, input_len) };
    let (access, user, body) = unsafe {
        (
            text(access, access_len),
            text(user, user_len),
            text(body, body_len),
        )
    };
    // The access token's `username` claim, as Amplify shows it; else the stored name.
    let claims = session::claims(&access);
    let name = claims
        .as_ref()
        .and_then(|c| c.str("username"))
        .unwrap_or(&user);
    let reply = json::parse(&body).unwrap_or(Json::Obj(Vec::new()));
    let r = op(i).and_then(|op| account::result(op, &input_json(&input), name, &reply));
    input.zeroize();
    result(r)
}
