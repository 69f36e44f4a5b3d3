//! Tokens in storage under Amplify v6's keys, so a session moves between
//! Amplify and cognito-wasm in both directions.

use crate::core::env::Env;
use crate::core::error::AuthError;
use crate::core::jwt;
use serde_json::{Map, Value};

/// Amplify's keys, as the typed core names them (one definition for both engines).
pub use crate::flows::session::{last_user_key, user_key, SESSION_KEYS};
/// Seconds of slack before expiry, as Amplify.
const EXPIRY_MARGIN_MS: f64 = 5000.0;

/// A signed-in user's tokens.
#[derive(Clone, PartialEq)]
pub struct Session {
    /// The `LastAuthUser` value (Cognito's username for the user).
    pub username: String,
    pub access_token: String,
    pub id_token: Option<String>,
    pub refresh_token: Option<String>,
    /// Server time minus local time in ms (`iat·1000 − now` at sign-in).
    pub clock_drift: i64,
    pub sign_in_details: Option<Value>,
    pub access_claims: Map<String, Value>,
    pub id_claims: Option<Map<String, Value>>,
}

impl core::fmt::Debug for Session {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Session")
            .field("username", &self.username)
            .field("tokens", &"[redacted]")
            .finish()
    }
}

impl Session {
    /// Builds a session from a Cognito `AuthenticationResult`.
    pub fn from_result(
        username: &str,
        result: &Map<String, Value>,
        previous_refresh: Option<&str>,
        sign_in_details: Option<Value>,
        now_ms: f64,
    ) -> Result<Session, AuthError> {
        let access = result
            .get("AccessToken")
            .and_then(Value::as_str)
            .ok_or_else(|| AuthError::bad_reply("AuthenticationResult has no AccessToken"))?;
        let access_claims = jwt::decode_payload(access)
            .map_err(|_| AuthError::bad_reply("the AccessToken is not a JWT"))?;
        let id_token = result
            .get("IdToken")
            .and_then(Value::as_str)
            .map(str::to_string);
        let id_claims = match &id_token {
            Some(t) => Some(
                jwt::decode_payload(t)
                    .map_err(|_| AuthError::bad_reply("the IdToken is not a JWT"))?,
            ),
            None => None,
        };
        let refresh = result
            .get("RefreshToken")
            .and_then(Value::as_str)
            .or(previous_refresh)
            .map(str::to_string);
        let clock_drift = match jwt::num_claim(&access_claims, "iat") {
            Some(iat) if iat > 0.0 => (iat * 1000.0 - now_ms).round() as i64,
            _ => 0,
        };
        Ok(Session {
            username: username.to_string(),
            access_token: access.to_string(),
            id_token,
            refresh_token: refresh,
            clock_drift,
            sign_in_details,
            access_claims,
            id_claims,
        })
    }

    /// True when the access token (or the id token) is expired or within 5 s of it.
    pub fn is_expired(&self, now_ms: f64) -> bool {
        let t = now_ms + self.clock_drift as f64 + EXPIRY_MARGIN_MS;
        let past =
            |c: &Map<String, Value>| jwt::num_claim(c, "exp").is_none_or(|exp| t > exp * 1000.0);
        past(&self.access_claims) || self.id_claims.as_ref().is_some_and(past)
    }

    pub fn user_sub(&self) -> Option<&str> {
        jwt::str_claim(&self.access_claims, "sub")
    }
}

/// Reads the stored session. Missing or unreadable tokens mean signed out.
pub async fn load<E: Env>(env: &E, client_id: &str) -> Result<Option<Session>, AuthError> {
    let Some(username) = env.get_item(&last_user_key(client_id)).await? else {
        return Ok(None);
    };
    let key = |n: &str| user_key(client_id, &username, n);
    let Some(access) = env.get_item(&key("accessToken")).await? else {
        return Ok(None);
    };
    let Ok(access_claims) = jwt::decode_payload(&access) else {
        return Ok(None);
    };
    let id_token = env.get_item(&key("idToken")).await?;
    let id_claims = match &id_token {
        Some(t) => match jwt::decode_payload(t) {
            Ok(c) => Some(c),
            Err(_) => return Ok(None),
        },
        None => None,
    };
    let refresh_token = env.get_item(&key("refreshToken")).await?;
    // A garbage drift is treated as none (Amplify's NaN would never expire the tokens).
    let clock_drift = env
        .get_item(&key("clockDrift"))
        .await?
        .and_then(|d| d.trim().parse::<i64>().ok())
        .unwrap_or(0);
    let sign_in_details = match env.get_item(&key("signInDetails")).await? {
        Some(s) if !s.is_empty() => crate::core::json::parse(&s),
        _ => None,
    };
    Ok(Some(Session {
        username,
        access_token: access,
        id_token,
        refresh_token,
        clock_drift,
        sign_in_details,
        access_claims,
        id_claims,
    }))
}

/// Writes a session under Amplify's keys. `LastAuthUser`, which makes the session
/// visible, goes last: a write cut short (a full store) leaves no half session.
pub async fn store<E: Env>(env: &E, client_id: &str, s: &Session) -> Result<(), AuthError> {
    let key = |n: &str| user_key(client_id, &s.username, n);
    // The drift goes first: a tab reading mid-write then sees a new drift with an
    // old (expired) token, never a new token judged by an old drift.
    env.set_item(&key("clockDrift"), &s.clock_drift.to_string())
        .await?;
    env.set_item(&key("accessToken"), &s.access_token).await?;
    match &s.id_token {
        Some(t) => env.set_item(&key("idToken"), t).await?,
        None => env.remove_item(&key("idToken")).await?,
    }
    match &s.refresh_token {
        Some(t) => env.set_item(&key("refreshToken"), t).await?,
        None => env.remove_item(&key("refreshToken")).await?,
    }
    match &s.sign_in_details {
        Some(d) => {
            env.set_item(&key("signInDetails"), &crate::core::json::to_string(d))
                .await?
        }
        None => env.remove_item(&key("signInDetails")).await?,
    }
    env.set_item(&last_user_key(client_id), &s.username).await
}

/// Removes the stored session (not the remembered-device keys).
pub async fn clear<E: Env>(env: &E, client_id: &str) -> Result<(), AuthError> {
    let user = env
        .get_item(&last_user_key(client_id))
        .await?
        .unwrap_or_else(|| "username".into());
    clear_user(env, client_id, &user).await
}

/// Removes `username`'s session keys and `LastAuthUser`: also what a write cut
/// short left behind before `LastAuthUser` was written.
pub async fn clear_user<E: Env>(env: &E, client_id: &str, username: &str) -> Result<(), AuthError> {
    for name in SESSION_KEYS {
        env.remove_item(&user_key(client_id, username, name))
            .await?;
    }
    env.remove_item(&last_user_key(client_id)).await
}

pub use crate::core::device_srp::DeviceSecret;

const DEVICE_KEYS: [&str; 3] = ["deviceKey", "deviceGroupKey", "randomPasswordKey"];

/// The device remembered for `username`, if all three keys are present (as Amplify requires).
pub async fn load_device<E: Env>(
    env: &E,
    client_id: &str,
    username: &str,
) -> Result<Option<DeviceSecret>, AuthError> {
    let mut v = Vec::with_capacity(3);
    for name in DEVICE_KEYS {
        match env.get_item(&user_key(client_id, username, name)).await? {
            Some(x) if !x.is_empty() => v.push(x),
            _ => return Ok(None),
        }
    }
    let random_password = v.pop().unwrap_or_default();
    let device_group_key = v.pop().unwrap_or_default();
    let device_key = v.pop().unwrap_or_default();
    Ok(Some(DeviceSecret::new(
        device_key,
        device_group_key,
        random_password,
    )))
}

pub async fn store_device<E: Env>(
    env: &E,
    client_id: &str,
    username: &str,
    d: &DeviceSecret,
) -> Result<(), AuthError> {
    let values = [&d.device_key, &d.device_group_key, &d.random_password];
    for (name, value) in DEVICE_KEYS.iter().zip(values) {
        env.set_item(&user_key(client_id, username, name), value)
            .await?;
    }
    Ok(())
}

pub async fn clear_device<E: Env>(
    env: &E,
    client_id: &str,
    username: &str,
) -> Result<(), AuthError> {
    for name in DEVICE_KEYS {
        env.remove_item(&user_key(client_id, username, name))
            .await?;
    }
    Ok(())
}
