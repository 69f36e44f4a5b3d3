//! The ABI of the typed wasm modules (the typed core, wasm/src/core.rs, and the steps,
//! hosted UI, identity pool and account modules: wasm/src/steps.rs, wasm/src/oauth.rs,
//! wasm/src/identity.rs, wasm/src/account.rs), with what they all need at their boundary. A small C ABI
//! of our own instead of wasm-bindgen's: its runtime and generated glue were ~8 KB of
//! wasm and ~13 KB of minified JavaScript for what is only strings, numbers and a few
//! handles. The contract (`pkg-template/abi.ts` keeps the other side):
//! - A string argument is `(ptr, len)`: UTF-8 the caller wrote into memory it got
//!   from [`cw_alloc`]; the callee owns and frees it. `ptr == 0` means absent.
//! - A call that returns text leaves it in one buffer ([`cw_out`]) and returns its
//!   length; `-1` means no value; `-2 - n` means it failed and the buffer holds the
//!   error's JSON (`n` bytes).
//! - A constructor returns a handle (`> 0`) or `-2 - n` as above; `*_free` drops it.
#![allow(unsafe_code)] // raw pointers are what this ABI is
#![allow(dead_code)] // each module uses its part

#[allow(unused_imports)]
use crate::prelude::*;
use cognito_wasm::codec::json::{self, Json, Obj};
use cognito_wasm::core::env::HttpResponse;
use cognito_wasm::core::error::AuthError;
use cognito_wasm::flows::sign_in::Step;
use cognito_wasm::wire::user_pool::{AuthResult, Pairs};
use cognito_wasm::wire::Request;
use core::cell::UnsafeCell;

/// The one result buffer (wasm is single-threaded; JS reads it before the next call).
struct Out(UnsafeCell<Vec<u8>>);
// SAFETY: the module runs on one thread; nothing is shared across threads.
unsafe impl Sync for Out {}
static OUT: Out = Out(UnsafeCell::new(Vec::new()));

/// Memory for `len` bytes of an argument (never null; `len == 0` gives a dangling pointer).
#[no_mangle]
pub extern "C" fn cw_alloc(len: usize) -> *mut u8 {
    if len == 0 {
        return core::ptr::NonNull::dangling().as_ptr();
    }
    let layout = match core::alloc::Layout::array::<u8>(len) {
        Ok(l) => l,
        Err(_) => return core::ptr::null_mut(),
    };
    // SAFETY: `layout` has a non-zero size.
    unsafe { alloc::alloc::alloc(layout) }
}

/// Where the last result's text is.
#[no_mangle]
pub extern "C" fn cw_out() -> *const u8 {
    // SAFETY: single-threaded; no reference to OUT outlives a call.
    unsafe { (*OUT.0.get()).as_ptr() }
}

/// A string argument, owned from here on; `None` when absent.
pub(crate) unsafe fn take(ptr: *mut u8, len: usize) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    let bytes = if len == 0 {
        Vec::new()
    } else {
        // SAFETY: `ptr` came from `cw_alloc(len)`, which allocated exactly `len` bytes.
        unsafe { Vec::from_raw_parts(ptr, len, len) }
    };
    // JavaScript's TextEncoder writes only UTF-8; anything else reads as empty.
    Some(String::from_utf8(bytes).unwrap_or_default())
}

/// A string argument that must be there (absent reads as empty).
pub(crate) unsafe fn text(ptr: *mut u8, len: usize) -> String {
    unsafe { take(ptr, len) }.unwrap_or_default()
}

pub(crate) fn give(s: String) -> i32 {
    // SAFETY: single-threaded; the previous result has been read.
    let out = unsafe { &mut *OUT.0.get() };
    *out = s.into_bytes();
    out.len() as i32
}

pub(crate) fn fail(e: &AuthError) -> i32 {
    -2 - give(error_json(e))
}

pub(crate) fn result(r: Result<String, AuthError>) -> i32 {
    match r {
        Ok(s) => give(s),
        Err(e) => fail(&e),
    }
}

pub(crate) fn maybe(s: Option<String>) -> i32 {
    s.map_or(-1, give)
}

pub(crate) fn handle<T>(r: Result<T, AuthError>) -> i32 {
    match r {
        Ok(v) => Box::into_raw(Box::new(v)) as i32,
        Err(e) => fail(&e),
    }
}

/// # Safety: `h` is a live handle of type `T` from [`handle`].
pub(crate) unsafe fn at<'a, T>(h: i32) -> &'a mut T {
    // A freed handle (0) traps rather than reading address 0, which wasm allows.
    if h <= 0 {
        core::arch::wasm32::unreachable()
    }
    unsafe { &mut *(h as *mut T) }
}

pub(crate) unsafe fn drop_handle<T>(h: i32) {
    if h > 0 {
        drop(unsafe { Box::from_raw(h as *mut T) });
    }
}

/// `-1` absent, else the value.
pub(crate) fn opt_status(s: i32) -> Option<u16> {
    u16::try_from(s).ok()
}

pub(crate) fn error_json(e: &AuthError) -> String {
    let mut meta = Obj::new();
    if let Some(s) = e.http_status_code {
        meta = meta.num("httpStatusCode", f64::from(s));
    }
    let meta = meta.opt_str("requestId", e.request_id.as_deref()).end();
    let mut o = Obj::new()
        .str("name", &e.name)
        .str("message", &e.message)
        .opt_str("recoverySuggestion", e.recovery_suggestion.as_deref());
    if meta != "{}" {
        o = o.raw("metadata", &meta);
    }
    o.end()
}

pub(crate) fn request_json(r: &Request) -> String {
    Obj::new()
        .str("target", r.target)
        .str("body", &r.body)
        .end()
}

pub(crate) unsafe fn reply(
    status: i32,
    rid: *mut u8,
    rid_len: usize,
    etype: *mut u8,
    etype_len: usize,
    body: *mut u8,
    body_len: usize,
) -> Result<Json, AuthError> {
    cognito_wasm::wire::reply(&HttpResponse {
        status: status as u16,
        request_id: unsafe { take(rid, rid_len) },
        error_type: unsafe { take(etype, etype_len) },
        body: unsafe { text(body, body_len) },
    })
}

/// `{ "k": "v" }` text as pairs (clientMetadata); `None` for anything else.
pub(crate) fn pairs(text: Option<String>) -> Option<Pairs> {
    pairs_in(&text?)
}

/// As [`pairs`], for text the caller keeps (and zeroes).
pub(crate) fn pairs_in(text: &str) -> Option<Pairs> {
    let v = json::parse(text)?;
    Some(
        v.members()
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect(),
    )
}

/// A byte argument (as `take`), owned from here on.
pub(crate) unsafe fn bytes(ptr: *mut u8, len: usize) -> Vec<u8> {
    if ptr.is_null() || len == 0 {
        return Vec::new();
    }
    // SAFETY: as in `take`.
    unsafe { Vec::from_raw_parts(ptr, len, len) }
}

/// A sign-in step (`flows::sign_in::Step`) as the driver reads it.
pub(crate) fn step_json(step: Result<Step, AuthError>) -> i32 {
    result(step.map(|step| {
        match step {
            Step::Send(r) => Obj::new().raw("send", &request_json(&r)).end(),
            Step::LoadDevice(u) => Obj::new().str("loadDevice", &u).end(),
            Step::ForgetDevice(u) => Obj::new().str("forgetDevice", &u).end(),
            Step::Done(d) => Obj::new()
                .raw(
                    "done",
                    &Obj::new()
                        .str("username", &d.username)
                        .raw(
                            "newDevice",
                            &d.result.new_device.as_ref().map_or("null".into(), |n| {
                                Obj::new()
                                    .str("deviceKey", &n.device_key)
                                    .str("deviceGroupKey", &n.device_group_key)
                                    .end()
                            }),
                        )
                        .raw("tokens", &tokens_json(&d.result))
                        .end(),
                )
                .end(),
            Step::Challenge(c) => Obj::new().str("challenge", &c.name).end(),
        }
    }))
}

pub(crate) fn tokens_json(r: &AuthResult) -> String {
    Obj::new()
        .str("accessToken", &r.access_token)
        .opt_str("idToken", r.id_token.as_deref())
        .opt_str("refreshToken", r.refresh_token.as_deref())
        .end()
}

// ---- no_std: allocator and panics ----

#[global_allocator]
static ALLOCATOR: crate::heap::SizeClasses = crate::heap::SizeClasses::new();

/// A panic traps instead of formatting a message (no panic is expected; a trap is a
/// clean error in JavaScript).
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
