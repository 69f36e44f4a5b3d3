//! The device module's wasm facade (feature `module-device`): remembered devices during
//! sign-in (`flows::device`) — a new device's ConfirmDevice with a fresh verifier, and a
//! remembered device's own SRP when Cognito asks for it (DEVICE_SRP_AUTH). Its own
//! module because it needs the SRP arithmetic and few user pools remember devices:
//! `pkg-template/device.js` loads it only when a sign-in meets a device. The boundary's
//! contract is in `modules::abi`.
#![allow(unsafe_code)] // raw pointers are what the ABI is
#![allow(clippy::missing_safety_doc)] // every export has the contract of `modules::abi`

use crate::codec::json::{self, Json, Obj};
use crate::core::error::AuthError;
use crate::crypto::device_srp::DeviceSecret;
use crate::flows::device::{self, DeviceSignIn};
use crate::modules::abi::*;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool as up;
use zeroize::Zeroize;

/// ConfirmDevice for a new device (`flows::device`): `{ send, password }`, the
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

/// A remembered device proving itself: the sign-in of `user` (Cognito's name) stopped
/// at the DEVICE_SRP_AUTH challenge in `body` (its reply); the device's key, group key
/// and password; 32 random bytes. `metadata`: `{ "k": "v" }` text. Then
/// `device_signin_start`, `device_signin_on_reply` as a sign-in.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn device_signin_new(
    client: *mut u8,
    client_len: usize,
    user: *mut u8,
    user_len: usize,
    metadata: *mut u8,
    metadata_len: usize,
    key: *mut u8,
    key_len: usize,
    group: *mut u8,
    group_len: usize,
    password: *mut u8,
    password_len: usize,
    random: *mut u8,
    random_len: usize,
    body: *mut u8,
    body_len: usize,
) -> i32 {
    let (client, user) = unsafe { (text(client, client_len), text(user, user_len)) };
    let metadata = pairs(unsafe { take(metadata, metadata_len) });
    let secret = unsafe {
        DeviceSecret::new(
            text(key, key_len),
            text(group, group_len),
            text(password, password_len),
        )
    };
    let mut random = unsafe { bytes(random, random_len) };
    let body = json::parse(&unsafe { text(body, body_len) }).unwrap_or(Json::Null);
    let r = match up::auth_reply(&body) {
        Ok(up::AuthReply::Challenge(c)) => {
            DeviceSignIn::new(&client, &user, metadata, secret, &random, c)
        }
        Ok(_) => Err(AuthError::bad_reply("the reply is not DEVICE_SRP_AUTH")),
        Err(e) => Err(e),
    };
    random.zeroize();
    handle(r)
}

#[no_mangle]
pub unsafe extern "C" fn device_signin_start(h: i32) -> i32 {
    step_json(unsafe { at::<DeviceSignIn>(h) }.start())
}

/// The HTTP reply to the last request, at `now_ms`.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn device_signin_on_reply(
    h: i32,
    status: i32,
    rid: *mut u8,
    rid_len: usize,
    etype: *mut u8,
    etype_len: usize,
    body: *mut u8,
    body_len: usize,
    now_ms: f64,
) -> i32 {
    let r = unsafe { reply(status, rid, rid_len, etype, etype_len, body, body_len) };
    step_json(unsafe { at::<DeviceSignIn>(h) }.on_reply(r, now_ms))
}

#[no_mangle]
pub unsafe extern "C" fn device_signin_free(h: i32) {
    unsafe { drop_handle::<DeviceSignIn>(h) }
}
