//! Session and token rules, typed and sans-IO: which keys hold a session (Amplify
//! v6's, so a session moves between Amplify and this library both ways), what a
//! stored session is, when it has expired, what a sign-in or refresh writes (and in
//! which order). Which errors end it is `AuthError::ends_session`'s rule. The driver
//! reads and writes the keys.

use crate::codec::json::{self, Json};
use crate::core::b64;
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::AuthResult;

const PREFIX: &str = "CognitoIdentityServiceProvider.";
/// Seconds of slack before expiry, as Amplify.
const EXPIRY_MARGIN_MS: f64 = 5000.0;
/// A user's keys that a sign-out removes (the remembered device's keys stay).
pub const SESSION_KEYS: [&str; 6] = [
    "accessToken",
    "idToken",
    "refreshToken",
    "clockDrift",
    "signInDetails",
    "oauthMetadata",
];

/// `CognitoIdentityServiceProvider.<client>.LastAuthUser`: who is signed in.
pub fn last_user_key(client_id: &str) -> String {
    crate::codec::cat(&[PREFIX, client_id, ".LastAuthUser"])
}

/// `CognitoIdentityServiceProvider.<client>.<username>.<name>`.
pub fn user_key(client_id: &str, username: &str, name: &str) -> String {
    crate::codec::cat(&[PREFIX, client_id, ".", username, ".", name])
}

/// The claims of a JWT, or `None` if it is not one (three parts, a base64url JSON
/// object in the middle). Not verified: the client trusts what Cognito handed it
/// over TLS, as Amplify does.
pub fn claims(token: &str) -> Option<Json> {
    // Bytes: str::split's char searcher is ~1 KB of wasm for this one use.
    let mut parts = token.as_bytes().split(|&c| c == b'.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    json::parse_bytes(&b64::decode_url(core::str::from_utf8(payload).ok()?)?)
        .filter(Json::is_object)
}

/// A signed-in user's tokens, as stored. `Debug` shows no token.
#[derive(Clone, PartialEq)]
pub struct Session {
    /// The `LastAuthUser` value (Cognito's username for the user).
    pub username: String,
    pub access_token: String,
    pub id_token: Option<String>,
    pub refresh_token: Option<String>,
    /// Server time minus local time in ms (`iat·1000 − now` when the tokens came).
    pub clock_drift: i64,
    /// `signInDetails` as stored (JSON text).
    pub sign_in_details: Option<String>,
    access_claims: Json,
    id_claims: Option<Json>,
}

impl core::fmt::Debug for Session {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Session")
            .field("username", &self.username)
            .field("tokens", &"[redacted]")
            .finish()
    }
}

/// The values of a user's keys, in [`Session::KEYS_READ`]'s order.
pub type Stored = [Option<String>; 4];

impl Session {
    /// The keys [`Session::from_stored`] needs, after `LastAuthUser`.
    pub const KEYS_READ: [&'static str; 4] =
        ["accessToken", "idToken", "refreshToken", "clockDrift"];

    /// The stored session of `username`, or `None` when what is stored cannot be one
    /// (no access token, or a token that is not a JWT): that reads as signed out.
    pub fn from_stored(
        username: &str,
        values: Stored,
        sign_in_details: Option<String>,
    ) -> Option<Session> {
        let [access, id, refresh, drift] = values;
        let access = access?;
        let access_claims = claims(&access)?;
        let id_claims = match &id {
            Some(t) => Some(claims(t)?),
            None => None,
        };
        Some(Session {
            username: username.into(),
            access_token: access,
            id_token: id,
            refresh_token: refresh,
            // A garbage drift is none (Amplify's NaN would never expire the tokens).
            clock_drift: drift
                .and_then(|d| crate::codec::trim(&d).parse().ok())
                .unwrap_or(0),
            sign_in_details: sign_in_details.filter(|d| !d.is_empty()),
            access_claims,
            id_claims,
        })
    }

    /// A session from a sign-in's or refresh's tokens. A refresh that brings no new
    /// refresh token keeps `previous_refresh`.
    pub fn from_result(
        username: &str,
        result: &AuthResult,
        previous_refresh: Option<&str>,
        sign_in_details: Option<String>,
        now_ms: f64,
    ) -> Result<Session, AuthError> {
        let access_claims = claims(&result.access_token)
            .ok_or_else(|| AuthError::bad_reply("the AccessToken is not a JWT"))?;
        let id_claims = match &result.id_token {
            Some(t) => {
                Some(claims(t).ok_or_else(|| AuthError::bad_reply("the IdToken is not a JWT"))?)
            }
            None => None,
        };
        let clock_drift = match access_claims.get("iat").and_then(Json::as_f64) {
            Some(iat) if iat > 0.0 => round(iat * 1000.0 - now_ms),
            _ => 0,
        };
        Ok(Session {
            username: username.into(),
            access_token: result.access_token.clone(),
            id_token: result.id_token.clone(),
            refresh_token: result
                .refresh_token
                .clone()
                .or_else(|| previous_refresh.map(Into::into)),
            clock_drift,
            // Empty details are none, as when read back: the key is removed, not written empty.
            sign_in_details: sign_in_details.filter(|d| !d.is_empty()),
            access_claims,
            id_claims,
        })
    }

    /// True when the access token (or the id token) has expired or is within 5 s of it,
    /// on the server's clock.
    pub fn is_expired(&self, now_ms: f64) -> bool {
        let t = now_ms + self.clock_drift as f64 + EXPIRY_MARGIN_MS;
        let past = |c: &Json| {
            c.get("exp")
                .and_then(Json::as_f64)
                .is_none_or(|exp| t > exp * 1000.0)
        };
        past(&self.access_claims) || self.id_claims.as_ref().is_some_and(past)
    }

    /// Whether the refresh token can be revoked (`RevokeToken`): Cognito marks such
    /// sessions with `origin_jti` in the access token.
    pub fn revocable(&self) -> bool {
        self.refresh_token.is_some() && self.access_claims.get("origin_jti").is_some()
    }

    /// `sub`, the user's id.
    pub fn user_sub(&self) -> Option<&str> {
        self.access_claims.str("sub")
    }

    /// `getCurrentUser`'s `username` and `userId`: from the id token, else the access token.
    pub fn user(&self) -> (Option<&str>, Option<&str>) {
        match &self.id_claims {
            Some(c) => (c.str("cognito:username"), c.str("sub")),
            None => (self.access_claims.str("username"), self.user_sub()),
        }
    }

    /// What storing this session writes, in order (`None`: remove the key). The drift
    /// goes first, so a tab reading mid-write sees a new drift with an old (expired)
    /// token, never a new token judged by an old drift; `LastAuthUser`, which makes
    /// the session visible, goes last, so a write cut short leaves no half session.
    pub fn writes(&self, client_id: &str) -> [(String, Option<String>); 6] {
        let key = |n: &str| user_key(client_id, &self.username, n);
        [
            (key("clockDrift"), Some(json::int(self.clock_drift))),
            (key("accessToken"), Some(self.access_token.clone())),
            (key("idToken"), self.id_token.clone()),
            (key("refreshToken"), self.refresh_token.clone()),
            (key("signInDetails"), self.sign_in_details.clone()),
            (last_user_key(client_id), Some(self.username.clone())),
        ]
    }
}

/// The keys a sign-out (or a dead session) removes for `username`, `LastAuthUser` last.
pub fn clear_keys(client_id: &str, username: &str) -> [String; 7] {
    let key = |n: &str| user_key(client_id, username, n);
    [
        key(SESSION_KEYS[0]),
        key(SESSION_KEYS[1]),
        key(SESSION_KEYS[2]),
        key(SESSION_KEYS[3]),
        key(SESSION_KEYS[4]),
        key(SESSION_KEYS[5]),
        last_user_key(client_id),
    ]
}

fn round(x: f64) -> i64 {
    // Half away from zero, as f64::round, without std.
    if x >= 0.0 {
        (x + 0.5) as i64
    } else {
        (x - 0.5) as i64
    }
}
