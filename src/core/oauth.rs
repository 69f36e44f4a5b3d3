//! Hosted UI OAuth 2.0 (authorization code with PKCE S256, and implicit), as pure
//! functions: URLs to build, requests to send, redirects to read.

use crate::codec::cat;
use crate::core::b64;
use crate::core::env::HttpRequest;
use crate::core::error::AuthError;
use crate::core::hex;
#[allow(unused_imports)]
use crate::prelude::*;
use sha2::{Digest, Sha256};

/// The hosted UI of an app client (`loginWith.oauth`).
#[derive(Clone, Debug, PartialEq)]
pub struct OAuthConfig {
    /// Base URL of the hosted UI: `https://<domain>`, or the domain itself when it
    /// already names a scheme (a local emulator on `http://127.0.0.1:<port>`).
    pub base_url: String,
    pub scopes: Vec<String>,
    pub redirect_sign_in: Vec<String>,
    pub redirect_sign_out: Vec<String>,
    /// `code` (PKCE) or `token` (implicit).
    pub response_type: String,
}

const VERIFIER_CHARSET: &[u8; 62] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/// PKCE verifier length (RFC 7636 allows 43–128), as Amplify.
pub const VERIFIER_LEN: usize = 128;
/// Random `state` length, as Amplify.
pub const STATE_LEN: usize = 32;

/// A random string over `[A-Za-z0-9]` from random bytes (one char per byte).
pub fn random_string(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| VERIFIER_CHARSET[(*b as usize) % VERIFIER_CHARSET.len()] as char)
        .collect()
}

/// `code_challenge` for a verifier: base64url(SHA-256(verifier)) without padding.
pub fn code_challenge(verifier: &str) -> String {
    b64::encode_url(&Sha256::digest(verifier.as_bytes()))
}

/// `state` carrying an app's custom state: `<random>-<hex of UTF-8>` (URL-safe, as Amplify).
pub fn state_with_custom(random: &str, custom: Option<&str>) -> String {
    match custom {
        Some(c) => cat(&[random, "-", &hex::encode(c.as_bytes())]),
        None => random.to_string(),
    }
}

/// The custom state inside a `state`, if any.
pub fn custom_state(state: &str) -> Option<String> {
    let (_, h) = cut(state, b'-')?;
    String::from_utf8(hex::decode_int(h)?).ok()
}

/// Percent-encodes for a query component (RFC 3986 unreserved kept).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push('%');
            out.push_str(&hex::encode(&[b]).to_ascii_uppercase());
        }
    }
    out
}

/// Decodes a query component (`+` is a space, as forms send it); a bad escape stays as is.
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 3 <= b.len() => match (hex::nibble(b[i + 1]), hex::nibble(b[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `key=value` pairs of a query string or fragment.
pub fn params(q: &str) -> Vec<(String, String)> {
    pieces(q)
        .map(|p| {
            let (k, v) = cut(p, b'=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// The non-empty `&`-separated pieces of a query (bytewise: `str::split` brings the
/// generic pattern machinery into the wasm for this).
fn pieces(q: &str) -> impl Iterator<Item = &str> {
    q.as_bytes()
        .split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        // Splitting UTF-8 at an ASCII byte leaves UTF-8.
        .filter_map(|p| core::str::from_utf8(p).ok())
}

/// `s` split at the first `b` (an ASCII byte), without it.
fn cut(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|c| c == b)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s` split at the last `b` (an ASCII byte), without it.
fn rcut(s: &str, b: u8) -> Option<(&str, &str)> {
    let i = s.bytes().rposition(|c| c == b)?;
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `parts` joined with `sep`.
fn join(parts: &[String], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p);
    }
    out
}

/// Splits a URL into (before `?`/`#`, query, fragment).
pub fn split_url(url: &str) -> (&str, &str, &str) {
    let (rest, fragment) = cut(url, b'#').unwrap_or((url, ""));
    let (base, query) = cut(rest, b'?').unwrap_or((rest, ""));
    (base, query, fragment)
}

/// `https://host:port` and path of a URL (`/` when empty).
fn origin_and_path(url: &str) -> (&str, &str) {
    let (base, _, _) = split_url(url);
    let b = base.as_bytes();
    let after_scheme = b.windows(3).position(|w| w == b"://").map_or(0, |i| i + 3);
    match b.iter().skip(after_scheme).position(|&c| c == b'/') {
        Some(i) => match (base.get(..after_scheme + i), base.get(after_scheme + i..)) {
            (Some(o), Some(p)) => (o, p),
            _ => (base, "/"),
        },
        None => (base, "/"),
    }
}

fn host(url: &str) -> &str {
    let (origin, _) = origin_and_path(url);
    let b = origin.as_bytes();
    let h = match b.windows(3).position(|w| w == b"://") {
        Some(i) => origin.get(i + 3..).unwrap_or(origin),
        None => origin,
    };
    match rcut(h, b':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => h,
    }
}

fn oauth_error(message: impl Into<String>) -> AuthError {
    AuthError::new("OAuthSignInException", message)
        .with_recovery("Check the hosted UI configuration (domain, redirect URLs, scopes) and try signing in again.")
}

/// The configured redirect URL for the page at `current` (same origin and path first,
/// then same host), as Amplify picks it.
pub fn pick_redirect(redirects: &[String], current: &str) -> Result<String, AuthError> {
    let (origin, path) = origin_and_path(current);
    let here = cat(&[origin, path]);
    if let Some(r) = redirects.iter().find(|r| r.starts_with(&here)) {
        return Ok(r.clone());
    }
    let h = host(current);
    if let Some(r) = redirects.iter().find(|r| !h.is_empty() && host(r) == h) {
        return Ok(r.clone());
    }
    Err(AuthError::new(
        "InvalidRedirectException",
        "No redirect URL in loginWith.oauth matches this page's origin.",
    )
    .with_recovery("Add this page's URL to redirectSignIn / redirectSignOut and to the app client's callback URLs."))
}

/// Options of `signInWithRedirect`.
#[derive(Default)]
pub struct AuthorizeOptions<'a> {
    pub login_hint: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub nonce: Option<&'a str>,
    pub prompt: Option<&'a str>,
}

/// The `/oauth2/authorize` URL.
#[allow(clippy::too_many_arguments)]
pub fn authorize_url(
    cfg: &OAuthConfig,
    client_id: &str,
    redirect_uri: &str,
    provider: Option<&str>,
    state: &str,
    verifier: &str,
    opts: &AuthorizeOptions<'_>,
) -> String {
    let mut q = vec![
        ("redirect_uri", redirect_uri.to_string()),
        ("response_type", cfg.response_type.clone()),
        ("client_id", client_id.to_string()),
    ];
    if let Some(p) = provider {
        q.push(("identity_provider", p.to_string()));
    }
    q.push(("scope", join(&cfg.scopes, " ")));
    for (k, v) in [
        ("login_hint", opts.login_hint),
        ("lang", opts.lang),
        ("nonce", opts.nonce),
    ] {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            q.push((k, v.to_string()));
        }
    }
    if let Some(p) = opts.prompt.filter(|p| !p.is_empty()) {
        q.push(("prompt", p.to_ascii_lowercase()));
    }
    q.push(("state", state.to_string()));
    if cfg.response_type == "code" {
        q.push(("code_challenge", code_challenge(verifier)));
        q.push(("code_challenge_method", "S256".into()));
    }
    let query: Vec<String> = q.iter().map(|(k, v)| cat(&[k, "=", &encode(v)])).collect();
    cat(&[&cfg.base_url, "/oauth2/authorize?", &join(&query, "&")])
}

/// The `/oauth2/token` request for an authorization code.
pub fn token_request(
    cfg: &OAuthConfig,
    client_id: &str,
    code: &str,
    redirect_uri: &str,
    verifier: Option<&str>,
) -> HttpRequest {
    let mut body = cat(&[
        "grant_type=authorization_code&code=",
        &encode(code),
        "&client_id=",
        &encode(client_id),
        "&redirect_uri=",
        &encode(redirect_uri),
    ]);
    if let Some(v) = verifier {
        body.push_str("&code_verifier=");
        body.push_str(&encode(v));
    }
    HttpRequest {
        url: cat(&[&cfg.base_url, "/oauth2/token"]),
        headers: vec![("Content-Type", "application/x-www-form-urlencoded".into())],
        body,
    }
}

/// The `/logout` URL that ends the hosted UI session and returns to `logout_uri`.
pub fn logout_url(cfg: &OAuthConfig, client_id: &str, logout_uri: &str) -> String {
    cat(&[
        &cfg.base_url,
        "/logout?client_id=",
        &encode(client_id),
        "&logout_uri=",
        &encode(logout_uri),
    ])
}

/// What the browser came back with at the redirect URL.
#[derive(Debug, PartialEq)]
pub enum Redirect {
    /// Not an OAuth redirect (no code, token or error).
    None,
    Code {
        code: String,
        state: Option<String>,
    },
    Tokens {
        access_token: String,
        id_token: Option<String>,
        state: Option<String>,
    },
    Error {
        message: String,
    },
}

/// Reads the redirect: the query for `code`, the fragment for `token`.
pub fn read_redirect(url: &str, response_type: &str) -> Redirect {
    let (_, query, fragment) = split_url(url);
    let source = if response_type == "token" && !fragment.is_empty() {
        fragment
    } else {
        query
    };
    let p = params(source);
    let get = |k: &str| p.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    if let Some(e) = get("error") {
        return Redirect::Error {
            message: get("error_description")
                .filter(|d| !d.is_empty())
                .unwrap_or(e),
        };
    }
    if response_type == "token" {
        return match get("access_token") {
            Some(access_token) => Redirect::Tokens {
                access_token,
                id_token: get("id_token"),
                state: get("state"),
            },
            None => Redirect::None,
        };
    }
    match get("code") {
        Some(code) => Redirect::Code {
            code,
            state: get("state"),
        },
        None => Redirect::None,
    }
}

/// The OAuth response parameters a redirect back may carry (RFC 6749 §4.1.2, §4.2.2, RFC 9207).
const RESPONSE_PARAMS: [&str; 10] = [
    "code",
    "state",
    "error",
    "error_description",
    "error_uri",
    "iss",
    "access_token",
    "id_token",
    "token_type",
    "expires_in",
];

/// `url` without the OAuth response parameters in its query and fragment, when it is
/// at one of `redirects` (same origin and path) and carries any; else `None`.
/// The page's own parameters are kept.
pub fn cleaned_callback(url: &str, redirects: &[String]) -> Option<String> {
    let (origin, path) = origin_and_path(url);
    let here = cat(&[origin, path]);
    if !redirects
        .iter()
        .any(|r| origin_and_path(r) == (origin, path))
    {
        return None;
    }
    let (_, query, fragment) = split_url(url);
    let keep = |part: &str| -> (String, bool) {
        let mut dropped = false;
        let kept: Vec<String> = pieces(part)
            .filter(|p| {
                let k = decode(cut(p, b'=').map_or(*p, |(k, _)| k));
                let ours = RESPONSE_PARAMS.contains(&k.as_str());
                dropped |= ours;
                !ours
            })
            .map(str::to_string)
            .collect();
        (join(&kept, "&"), dropped)
    };
    let (q, dq) = keep(query);
    let (f, df) = keep(fragment);
    if !(dq || df) {
        return None;
    }
    let mut out = here;
    if !q.is_empty() {
        out.push('?');
        out.push_str(&q);
    }
    if !f.is_empty() {
        out.push('#');
        out.push_str(&f);
    }
    Some(out)
}

pub fn state_mismatch() -> AuthError {
    AuthError::new(
        "OAuthSignInException",
        "An error occurred while validating the state.",
    )
    .with_recovery("Start the sign-in again with signInWithRedirect from this app.")
}

pub fn provider_error(message: String) -> AuthError {
    oauth_error(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn callback_urls_are_cleaned_of_oauth_parameters_only() {
        let r = ["https://app.example/cb".to_string()];
        let c = |u: &str| cleaned_callback(u, &r);
        assert_eq!(
            c("https://app.example/cb?code=abc&state=xyz").as_deref(),
            Some("https://app.example/cb")
        );
        assert_eq!(
            c("https://app.example/cb?tab=2&error=access_denied&error_description=no+way")
                .as_deref(),
            Some("https://app.example/cb?tab=2")
        );
        assert_eq!(
            c("https://app.example/cb#access_token=a&id_token=b&state=s&token_type=Bearer&expires_in=3600")
                .as_deref(),
            Some("https://app.example/cb")
        );
        assert_eq!(
            c("https://app.example/cb?x=1#section").as_deref(),
            None,
            "nothing of OAuth's: left alone"
        );
        assert_eq!(
            c("https://app.example/other?code=abc"),
            None,
            "not a redirect URL"
        );
        assert_eq!(c("https://evil.example/cb?code=abc"), None);
    }

    fn cfg(response_type: &str) -> OAuthConfig {
        OAuthConfig {
            base_url: "https://example.auth.us-east-1.amazoncognito.com".into(),
            scopes: vec!["openid".into(), "email".into()],
            redirect_sign_in: vec!["http://localhost:3000/".into()],
            redirect_sign_out: vec!["http://localhost:3000/".into()],
            response_type: response_type.into(),
        }
    }

    #[test]
    fn pkce_challenge_matches_rfc7636_example() {
        // RFC 7636 appendix B.
        assert_eq!(
            code_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }

    #[test]
    fn authorize_url_has_every_parameter_encoded() {
        let u = authorize_url(
            &cfg("code"),
            "cid",
            "http://localhost:3000/",
            Some("Google"),
            "st",
            "verifier",
            &AuthorizeOptions {
                login_hint: Some("a b@x.com"),
                prompt: Some("LOGIN"),
                ..Default::default()
            },
        );
        assert!(u.starts_with("https://example.auth.us-east-1.amazoncognito.com/oauth2/authorize?redirect_uri=http%3A%2F%2Flocalhost%3A3000%2F&response_type=code&client_id=cid&identity_provider=Google&scope=openid%20email&login_hint=a%20b%40x.com&prompt=login&state=st&code_challenge="), "{u}");
        assert!(u.ends_with("&code_challenge_method=S256"));
        let implicit = authorize_url(
            &cfg("token"),
            "cid",
            "http://x/",
            None,
            "st",
            "v",
            &AuthorizeOptions::default(),
        );
        assert!(!implicit.contains("code_challenge"));
        assert!(!implicit.contains("identity_provider"));
    }

    #[test]
    fn redirects_are_read() {
        assert_eq!(
            read_redirect("http://localhost:3000/?code=abc&state=s%2D1", "code"),
            Redirect::Code {
                code: "abc".into(),
                state: Some("s-1".into())
            }
        );
        assert_eq!(
            read_redirect(
                "http://localhost:3000/?error=access_denied&error_description=User+denied",
                "code"
            ),
            Redirect::Error {
                message: "User denied".into()
            }
        );
        assert_eq!(
            read_redirect(
                "http://x/#access_token=at&id_token=it&state=s&token_type=Bearer",
                "token"
            ),
            Redirect::Tokens {
                access_token: "at".into(),
                id_token: Some("it".into()),
                state: Some("s".into())
            }
        );
        assert_eq!(read_redirect("http://x/?a=1", "code"), Redirect::None);
        assert_eq!(
            read_redirect("http://x/?code=%zz%", "code"),
            Redirect::Code {
                code: "%zz%".into(),
                state: None
            }
        );
    }

    #[test]
    fn custom_state_round_trips() {
        let s = state_with_custom("abc", Some("page=/settings?x=ü"));
        assert!(s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
        assert_eq!(custom_state(&s).as_deref(), Some("page=/settings?x=ü"));
        assert_eq!(custom_state("abc"), None);
    }

    #[test]
    fn redirect_is_picked_by_origin_then_host() {
        let r = vec![
            "https://app.example.com/cb".to_string(),
            "http://localhost:3000/".to_string(),
        ];
        assert_eq!(
            pick_redirect(&r, "http://localhost:3000/?code=1").unwrap(),
            "http://localhost:3000/"
        );
        assert_eq!(
            pick_redirect(&r, "https://app.example.com/cb#x").unwrap(),
            "https://app.example.com/cb"
        );
        assert_eq!(
            pick_redirect(&r, "https://app.example.com/other").unwrap(),
            "https://app.example.com/cb"
        );
        assert_eq!(
            pick_redirect(&r, "https://evil.test/").unwrap_err().name,
            "InvalidRedirectException"
        );
    }
}
