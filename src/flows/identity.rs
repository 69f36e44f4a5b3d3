//! Identity pools: the requests and replies that turn a user pool session (or a
//! guest) into AWS credentials — `GetId`, then `GetCredentialsForIdentity` — as pure
//! functions. The driver caches the credentials per principal, keeps a guest's
//! identity id where Amplify keeps it (`com.amplify.Cognito.<pool>.identityId`), and
//! retries once with a new identity when the pool no longer knows a stored one.

use crate::codec::json::{Json, Obj};
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::Request;

/// The `Logins` map for a user pool's ID token: `{ "cognito-idp.<region>.amazonaws.com/<pool>": token }`.
/// `None` for a guest. A session without an ID token cannot be exchanged.
pub fn logins(
    user_pool_id: &str,
    id_token: Option<&str>,
    guest: bool,
) -> Result<Option<String>, AuthError> {
    if guest {
        return Ok(None);
    }
    let token = id_token.ok_or_else(|| {
        AuthError::new(
            "NoIdTokenException",
            "The session has no ID token to exchange for AWS credentials.",
        )
        .with_recovery("Sign in with the openid scope so Cognito issues an ID token.")
    })?;
    let region = user_pool_id.split('_').next().unwrap_or_default();
    let provider = crate::codec::cat(&["cognito-idp.", region, ".amazonaws.com/", user_pool_id]);
    Ok(Some(Obj::new().str(&provider, token).end()))
}

/// `GetId` for the pool, with the user's `logins` (JSON object text) if any.
pub fn get_id(identity_pool_id: &str, logins: Option<&str>) -> Request {
    let mut o = Obj::new().str("IdentityPoolId", identity_pool_id);
    if let Some(l) = logins {
        o = o.raw("Logins", l);
    }
    Request {
        target: "AWSCognitoIdentityService.GetId",
        body: o.end(),
    }
}

/// `GetId`'s reply: the identity id.
pub fn get_id_reply(reply: &Json) -> Result<String, AuthError> {
    reply
        .str("IdentityId")
        .map(str::to_string)
        .ok_or_else(|| AuthError::bad_reply("GetId returned no IdentityId"))
}

/// `GetCredentialsForIdentity` for `identity_id`, with the user's `logins` if any.
pub fn get_credentials(identity_id: &str, logins: Option<&str>) -> Request {
    let mut o = Obj::new().str("IdentityId", identity_id);
    if let Some(l) = logins {
        o = o.raw("Logins", l);
    }
    Request {
        target: "AWSCognitoIdentityService.GetCredentialsForIdentity",
        body: o.end(),
    }
}

/// AWS credentials, as `fetchAuthSession` returns them (`expiration` in ms).
#[derive(PartialEq)]
pub struct Credentials {
    pub identity_id: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
    pub expiration_ms: f64,
}

impl core::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Credentials")
            .field("identity_id", &self.identity_id)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"[redacted]")
            .field("session_token", &"[redacted]")
            .finish()
    }
}

/// `GetCredentialsForIdentity`'s reply for `identity_id` (the reply's own `IdentityId`
/// wins), at `now_ms` (an hour from now when it names no expiration).
pub fn credentials_reply(
    reply: &Json,
    identity_id: &str,
    now_ms: f64,
) -> Result<Credentials, AuthError> {
    let c = reply
        .get("Credentials")
        .filter(|c| c.is_object())
        .ok_or_else(|| AuthError::bad_reply("GetCredentialsForIdentity returned no Credentials"))?;
    let field = |k: &str| {
        c.str(k).map(str::to_string).ok_or_else(|| {
            AuthError::bad_reply(&crate::codec::cat(&["Credentials.", k, " is missing"]))
        })
    };
    Ok(Credentials {
        identity_id: reply.str("IdentityId").unwrap_or(identity_id).to_string(),
        access_key_id: field("AccessKeyId")?,
        secret_access_key: field("SecretKey")?,
        session_token: field("SessionToken")?,
        expiration_ms: c
            .get("Expiration")
            .and_then(Json::as_f64)
            .map_or(now_ms + 3_600_000.0, |s| s * 1000.0),
    })
}

impl Credentials {
    /// `{ identityId, credentials: { accessKeyId, secretAccessKey, sessionToken, expiration } }`.
    pub fn to_json(&self) -> String {
        Obj::new()
            .str("identityId", &self.identity_id)
            .raw(
                "credentials",
                &Obj::new()
                    .str("accessKeyId", &self.access_key_id)
                    .str("secretAccessKey", &self.secret_access_key)
                    .str("sessionToken", &self.session_token)
                    .num("expiration", self.expiration_ms)
                    .end(),
            )
            .end()
    }
}
