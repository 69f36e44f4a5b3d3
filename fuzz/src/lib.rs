//! Shared pieces of the fuzz targets: a byte tape (and its writer, for seeds),
//! an in-memory scripted [`Env`], a no-op-waker `block_on`, and token builders.
//!
//! The tape reads the fuzzer's bytes through `arbitrary::Unstructured`, one byte
//! or one length-prefixed run at a time, so that `TapeWriter` can build seeds
//! that decode to exactly the structure intended (see `examples/seeds.rs`).

use arbitrary::Unstructured;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito_wasm::core::env::{Env, HttpRequest, HttpResponse};
use cognito_wasm::core::error::AuthError;
use serde_json::{json, Value};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

pub const CLIENT_ID: &str = "3n4b5urk1ft4fl3mg5e62d9ado";
pub const POOL_ID: &str = "us-east-1_TstPool01";
pub const IDENTITY_POOL_ID: &str = "us-east-1:0f1e2d3c-4b5a-4968-8a7b-6c5d4e3f2a1b";
pub const PREFIX: &str = "CognitoIdentityServiceProvider";
/// 2026-01-05T03:04:05.123Z.
pub const NOW_MS: f64 = 1_767_582_245_123.0;
pub const SUB: &str = "7d8ca528-4931-4254-9273-ea5ee853f271";
pub const PASSWORD: &str = "Corr3ct-Horse-Battery!";

// ---------------------------------------------------------------------------
// Tape
// ---------------------------------------------------------------------------

/// Reads the fuzzer's bytes front to back; an exhausted tape reads as zeros.
pub struct Tape<'a>(Unstructured<'a>);

impl<'a> Tape<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Tape(Unstructured::new(data))
    }
    pub fn u8(&mut self) -> u8 {
        self.0.arbitrary::<u8>().unwrap_or(0)
    }
    pub fn bool(&mut self) -> bool {
        self.u8() & 1 == 1
    }
    pub fn u16(&mut self) -> u16 {
        u16::from(self.u8()) << 8 | u16::from(self.u8())
    }
    pub fn u64(&mut self) -> u64 {
        (0..8).fold(0u64, |acc, _| acc << 8 | u64::from(self.u8()))
    }
    /// A run of bytes, prefixed by its length (u16).
    pub fn bytes(&mut self) -> &'a [u8] {
        let n = usize::from(self.u16()).min(self.0.len());
        self.0.bytes(n).unwrap_or(&[])
    }
    pub fn string(&mut self) -> String {
        String::from_utf8_lossy(self.bytes()).into_owned()
    }
    /// One of `xs`, chosen by one byte.
    pub fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[usize::from(self.u8()) % xs.len()].clone()
    }
    pub fn rest(self) -> &'a [u8] {
        self.0.take_rest()
    }
}

/// Builds tapes for seeds: the inverse of [`Tape`].
#[derive(Default)]
pub struct TapeWriter(pub Vec<u8>);

impl TapeWriter {
    pub fn u8(&mut self, b: u8) -> &mut Self {
        self.0.push(b);
        self
    }
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.u8(b as u8)
    }
    pub fn u16(&mut self, v: u16) -> &mut Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.0.extend_from_slice(&v.to_be_bytes());
        self
    }
    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.u16(u16::try_from(b.len()).expect("a tape run is at most 65535 bytes"));
        self.0.extend_from_slice(b);
        self
    }
    pub fn string(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }
    pub fn rest(&mut self, b: &[u8]) -> &mut Self {
        self.0.extend_from_slice(b);
        self
    }
}

// ---------------------------------------------------------------------------
// Executor
// ---------------------------------------------------------------------------

/// Polls a future to completion with a no-op waker. Every `Env` future here is
/// ready at once, so a future still pending after many polls waits for something
/// a single-threaded caller never provides: that is reported as a panic (a hang).
pub fn block_on<F: Future>(f: F) -> F::Output {
    let mut f = pin!(f);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..10_000 {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
    panic!("future still pending after 10000 polls with a ready Env: it can never complete");
}

// ---------------------------------------------------------------------------
// Env
// ---------------------------------------------------------------------------

/// In-memory storage, per-tab storage, a settable clock, deterministic randomness
/// and scripted replies (then `NetworkError` once the script is used up).
pub struct FuzzEnv {
    pub storage: RefCell<BTreeMap<String, String>>,
    pub transient: RefCell<BTreeMap<String, String>>,
    pub replies: RefCell<VecDeque<Result<HttpResponse, AuthError>>>,
    pub requests: RefCell<Vec<HttpRequest>>,
    pub now: Cell<f64>,
    /// The storage call (0-based, over get/set/remove) that fails, if any.
    pub storage_fail_at: Cell<Option<usize>>,
    pub storage_calls: Cell<usize>,
    rng: Cell<u64>,
}

/// More requests than this from one API call means a loop with no bound.
pub const MAX_REQUESTS: usize = 100;

impl Default for FuzzEnv {
    fn default() -> Self {
        Self {
            storage: RefCell::default(),
            transient: RefCell::default(),
            replies: RefCell::default(),
            requests: RefCell::default(),
            now: Cell::new(NOW_MS),
            storage_fail_at: Cell::new(None),
            storage_calls: Cell::new(0),
            rng: Cell::new(0x9E37_79B9_7F4A_7C15),
        }
    }
}

impl FuzzEnv {
    fn storage_op(&self) -> Result<(), AuthError> {
        let n = self.storage_calls.get();
        self.storage_calls.set(n + 1);
        if self.storage_fail_at.get() == Some(n) {
            return Err(AuthError::new("StorageError", "fuzz: storage failed"));
        }
        Ok(())
    }
    pub fn set(&self, k: &str, v: &str) {
        self.storage.borrow_mut().insert(k.into(), v.into());
    }
}

impl Env for FuzzEnv {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, AuthError> {
        let mut log = self.requests.borrow_mut();
        log.push(req);
        assert!(
            log.len() <= MAX_REQUESTS,
            "more than {MAX_REQUESTS} requests from one call: an unbounded loop"
        );
        drop(log);
        self.replies
            .borrow_mut()
            .pop_front()
            .unwrap_or_else(|| Err(AuthError::network("fuzz: no reply scripted")))
    }
    async fn get_item(&self, key: &str) -> Result<Option<String>, AuthError> {
        self.storage_op()?;
        Ok(self.storage.borrow().get(key).cloned())
    }
    async fn set_item(&self, key: &str, value: &str) -> Result<(), AuthError> {
        self.storage_op()?;
        self.set(key, value);
        Ok(())
    }
    async fn remove_item(&self, key: &str) -> Result<(), AuthError> {
        self.storage_op()?;
        self.storage.borrow_mut().remove(key);
        Ok(())
    }
    fn now_ms(&self) -> f64 {
        self.now.get()
    }
    fn fill_random(&self, buf: &mut [u8]) -> Result<(), AuthError> {
        // xorshift64: deterministic, never all zero.
        for b in buf.iter_mut() {
            let mut x = self.rng.get();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            self.rng.set(x);
            *b = (x >> 24) as u8;
        }
        Ok(())
    }
    async fn get_transient(&self, key: &str) -> Option<String> {
        self.transient.borrow().get(key).cloned()
    }
    async fn set_transient(&self, key: &str, value: &str) {
        self.transient.borrow_mut().insert(key.into(), value.into());
    }
    async fn remove_transient(&self, key: &str) {
        self.transient.borrow_mut().remove(key);
    }
}

// ---------------------------------------------------------------------------
// Tokens and SRP-shaped values
// ---------------------------------------------------------------------------

pub fn b64url(b: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(b)
}

/// A compact JWT (unsigned: the client never checks signatures).
pub fn jwt(claims: &Value) -> String {
    format!(
        "{}.{}.c2lnbmF0dXJl",
        b64url(br#"{"kid":"fuzz","alg":"RS256"}"#),
        b64url(claims.to_string().as_bytes())
    )
}

pub fn now_s() -> i64 {
    (NOW_MS / 1000.0) as i64
}

/// A Cognito-shaped access token for `user`, valid for an hour.
pub fn access_token(user: &str, exp: i64) -> String {
    jwt(&json!({
        "sub": SUB, "iss": format!("https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"),
        "client_id": CLIENT_ID, "origin_jti": "0b3f6d2e-4c1a-4a5e-9f7b-2d8e6c4a1b3f",
        "event_id": "e1", "token_use": "access", "scope": "aws.cognito.signin.user.admin",
        "auth_time": now_s(), "exp": exp, "iat": now_s(), "jti": "j1", "username": user,
    }))
}

pub fn id_token(user: &str, exp: i64) -> String {
    jwt(&json!({
        "sub": SUB, "email_verified": true, "iss": format!("https://cognito-idp.us-east-1.amazonaws.com/{POOL_ID}"),
        "cognito:username": user, "aud": CLIENT_ID, "token_use": "id",
        "auth_time": now_s(), "exp": exp, "iat": now_s(), "email": "alice@example.com",
    }))
}

/// An opaque refresh token in Cognito's shape (a JWE: five parts).
pub const REFRESH_TOKEN: &str = "eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.cmVmcmVzaC1rZXk.aXY.Y2lwaGVydGV4dA.dGFn";

pub const SALT_HEX: &str = "a3f1c2d4e5b60718293a4b5c6d7e8f90";

/// A plausible 3072-bit SRP_B (below N, not 0 mod N).
pub fn srp_b_hex() -> String {
    "7a3c5e9f1b2d4c6e8a0f".repeat(38) + "7a3c5e9f"
}

/// A plausible SECRET_BLOCK (standard base64).
pub const SECRET_BLOCK: &str = "Zm5kL3NlY3JldC1ibG9jay1vZi1jb2duaXRvLTEyMzQ1Njc4OTA=";

/// Expands `$AT`, `$IT`, `$XT` (an expired access token), `$RT`, `$B`, `$SALT`
/// and `$BLOCK` in a reply body or stored value, so mutations keep them valid.
pub fn expand(s: &str) -> String {
    if !s.contains('$') {
        return s.to_string();
    }
    let far = now_s() + 3600;
    s.replace("$AT", &access_token("alice", far))
        .replace("$IT", &id_token("alice", far))
        .replace("$XT", &access_token("alice", now_s() - 60))
        .replace("$RT", REFRESH_TOKEN)
        .replace("$BLOCK", SECRET_BLOCK)
        .replace("$SALT", SALT_HEX)
        .replace("$B", &srp_b_hex())
}

/// An error must carry a name a caller can branch on.
pub fn check_error(e: &AuthError) {
    assert!(!e.name.is_empty(), "error without a name: {e:?}");
    assert!(
        !e.name.chars().any(char::is_whitespace),
        "error name with whitespace: {e:?}"
    );
    let j = e.to_json();
    assert_eq!(j["name"], e.name.as_str());
    let _ = e.to_string();
}

/// True when `FUZZ_TRACE` is set: the targets then print what an input did,
/// for reading a reproducer or checking a seed (`FUZZ_TRACE=1 cargo fuzz run T FILE`).
pub fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("FUZZ_TRACE").is_some())
}

#[macro_export]
macro_rules! trace {
    ($($arg:tt)*) => {
        if $crate::tracing() {
            eprintln!($($arg)*);
        }
    };
}

/// JSON values equal as our reader and serde_json's may give them: doubles may
/// differ in the last place (ours are exact on Clinger's fast path and within an
/// ulp elsewhere; serde_json's default parser is not always correctly rounded).
pub fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || ((x - y) / x).abs() < 1e-14
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_json(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter().zip(y).all(|((k, p), (l, q))| k == l && same_json(p, q))
        }
        _ => a == b,
    }
}
