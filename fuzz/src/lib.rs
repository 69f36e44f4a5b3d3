//! Shared pieces of the fuzz targets: a byte tape (and its writer, for seeds),
//! token and SRP-shaped values, the error and secret checks, and serde_json as the
//! oracle for our JSON reader.
//!
//! The tape reads the fuzzer's bytes through `arbitrary::Unstructured`, one byte
//! or one length-prefixed run at a time, so that `TapeWriter` can build seeds
//! that decode to exactly the structure intended (see `examples/seeds.rs`).

use arbitrary::Unstructured;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use cognito_wasm::codec::json::Json;
use cognito_wasm::core::error::AuthError;
use serde_json::{json, Value};

pub const CLIENT_ID: &str = "3n4b5urk1ft4fl3mg5e62d9ado";
pub const POOL_ID: &str = "us-east-1_TstPool01";
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
// Tokens and SRP-shaped values
// ---------------------------------------------------------------------------

/// `s` without the whitespace JSON (RFC 8259 `ws`) and HTTP allow around a value:
/// space, tab, LF, CR. Other Unicode whitespace is content, as it is to a JSON reader.
pub fn trim_ws(s: &str) -> &str {
    s.trim_matches([' ', '\t', '\n', '\r'])
}

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

/// A Cognito-shaped access token for `user`, expiring at `exp` (seconds).
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

/// The valid access token `$AT` expands to (and `$IT`, `$XT`: the id token, an
/// expired access token).
pub fn tokens() -> [String; 3] {
    let far = now_s() + 3600;
    [
        access_token("alice", far),
        id_token("alice", far),
        access_token("alice", now_s() - 60),
    ]
}

/// Expands `$AT`, `$IT`, `$XT` (an expired access token), `$RT`, `$PW` (the
/// password), `$B`, `$SALT` and `$BLOCK` in a reply body or answer, so mutations
/// keep them valid.
pub fn expand(s: &str) -> String {
    if !s.contains('$') {
        return s.to_string();
    }
    let [at, it, xt] = tokens();
    s.replace("$AT", &at)
        .replace("$IT", &it)
        .replace("$XT", &xt)
        .replace("$RT", REFRESH_TOKEN)
        .replace("$PW", PASSWORD)
        .replace("$BLOCK", SECRET_BLOCK)
        .replace("$SALT", SALT_HEX)
        .replace("$B", &srp_b_hex())
}

// ---------------------------------------------------------------------------
// Checks
// ---------------------------------------------------------------------------

/// An error must carry a name a caller can branch on.
pub fn check_error(e: &AuthError) {
    assert!(!e.name.is_empty(), "error without a name: {e:?}");
    assert!(
        !e.name.chars().any(char::is_whitespace),
        "error name with whitespace: {e:?}"
    );
    let shown = e.to_string();
    assert!(
        shown.starts_with(&e.name),
        "{shown:?} does not start with the name"
    );
}

/// No secret in an error. An error of the client's own (no HTTP status, or a 2xx
/// it could not read) holds none at all; a service error (non-2xx) carries the
/// server's message, so it may hold a secret only when the server sent it
/// (`echoed`: every reply body and error type the flow was given).
pub fn check_no_secret(e: &AuthError, secrets: &[&str], echoed: &str) {
    let service = matches!(e.http_status_code, Some(s) if !(200..300).contains(&s));
    let texts = [
        Some(e.name.as_str()),
        Some(e.message.as_str()),
        e.recovery_suggestion.as_deref(),
    ];
    for s in secrets.iter().filter(|s| s.len() >= 8) {
        for t in texts.iter().flatten() {
            if t.contains(s) {
                assert!(
                    service && echoed.contains(s),
                    "a secret in an error it was not sent in: {e:?}"
                );
            }
        }
    }
}

/// No token in a Debug rendering: `shown` is that text less whatever it may show
/// (a username can be anything, a token too). Only dotted tokens (JWT, JWE) are
/// looked for: the redacted rendering has no '.', so one found there leaked.
pub fn check_no_token(shown: &str, tokens: [Option<&String>; 3], debug: &str) {
    for t in tokens.into_iter().flatten().filter(|t| t.contains('.')) {
        assert!(!shown.contains(t.as_str()), "a token in Debug: {debug}");
    }
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

/// Doubles as our reader and serde_json's may give them: equal, or within a few
/// units in the last place (ours are exact on Clinger's fast path and close
/// elsewhere; serde_json's default parser is not always correctly rounded).
fn same_f64(x: f64, y: f64) -> bool {
    x == y || ((x - y) / x).abs() < 1e-14
}

/// Our reader's tree against serde_json's value, objects compared by key as the
/// typed layer reads them (a repeated key's last value, as serde_json keeps).
pub fn same_typed(a: &Json, b: &Value) -> bool {
    match (a, b) {
        (Json::Null, Value::Null) => true,
        (Json::Bool(x), Value::Bool(y)) => x == y,
        (Json::Num(x), Value::Number(y)) => y.as_f64().is_some_and(|y| same_f64(*x, y)),
        (Json::Str(x), Value::String(y)) => x == y,
        (Json::Arr(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_typed(p, q))
        }
        (Json::Obj(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&str> =
                x.iter().map(|(k, _)| k.as_str()).collect();
            keys.len() == y.len()
                && y.iter()
                    .all(|(k, q)| a.get(k).is_some_and(|p| same_typed(p, q)))
        }
        _ => false,
    }
}

/// serde_json refuses a lone surrogate escape (`"\ud800"`); our reader makes it
/// U+FFFD, as JavaScript keeps it. Where `text` may hold one, the verdicts may differ.
pub fn may_hold_lone_surrogate(text: &[u8]) -> bool {
    text.windows(3).any(|w| w.eq_ignore_ascii_case(b"\\ud"))
}

/// URL-safe base64 as a JWT's reader should take it: padding optional (stripped
/// first), stray low bits of the last character ignored.
const LENIENT_URL: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::URL_SAFE,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// A token's claims read independently of the crate (the base64 crate, serde_json),
/// or why it has none: `Err("lone surrogate")` when only serde_json refuses it.
pub fn oracle_claims(token: &str) -> Result<Value, &'static str> {
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err("not three parts");
    }
    let bytes = LENIENT_URL
        .decode(parts[1].trim_end_matches('='))
        .map_err(|_| "payload is not base64url")?;
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(v @ Value::Object(_)) => Ok(v),
        Ok(_) => Err("payload is not an object"),
        Err(_) if may_hold_lone_surrogate(&bytes) => Err("lone surrogate"),
        Err(_) => Err("payload is not JSON"),
    }
}
