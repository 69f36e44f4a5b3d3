//! Identity pools: AWS credentials for the signed-in user or a guest.

use super::*;

/// Credentials are renewed this long before they expire.
const EXPIRY_MARGIN_MS: f64 = 5.0 * 60_000.0;
const SERVICE: &str = "AWSCognitoIdentityService";

/// Credentials for one principal (a user's `sub`, or the guest).
pub(super) struct CachedCredentials {
    principal: String,
    identity_id: String,
    credentials: Value,
    expiration_ms: f64,
}

/// Amplify keeps only the guest identity id in storage.
fn identity_key(pool: &str) -> String {
    format!("com.amplify.Cognito.{pool}.identityId")
}

impl<E: Env> Auth<E> {
    async fn identity_call(
        &self,
        endpoint: &str,
        op: &str,
        body: Value,
    ) -> Result<Map<String, Value>, AuthError> {
        self.send_with_retries(protocol::service_request(endpoint, SERVICE, op, &body))
            .await
    }

    pub(super) async fn clear_credentials(&self) {
        *self.credentials.borrow_mut() = None;
    }

    /// `(identityId, credentials)` for the session (or a guest), fetched or cached.
    /// `None` when no identity pool is configured, or for a guest without guest access.
    pub(super) async fn aws_credentials(
        &self,
        cfg: &CognitoConfig,
        session: Option<&Session>,
        force: bool,
    ) -> Result<Option<(String, Value)>, AuthError> {
        let Some(pool) = &cfg.identity_pool else {
            return Ok(None);
        };
        if session.is_none() && !pool.allow_guest_access {
            return Ok(None);
        }
        let principal = session
            .and_then(|s| s.user_sub())
            .unwrap_or("guest")
            .to_string();
        let now = self.env.now_ms();
        if !force {
            if let Some(c) = self.credentials.borrow().as_ref() {
                if c.principal == principal && c.expiration_ms - EXPIRY_MARGIN_MS > now {
                    return Ok(Some((c.identity_id.clone(), c.credentials.clone())));
                }
            }
        }
        let logins = match session {
            Some(s) => {
                let id_token = s.id_token.as_deref().ok_or_else(|| {
                    AuthError::new(
                        "NoIdTokenException",
                        "The session has no ID token to exchange for AWS credentials.",
                    )
                    .with_recovery("Sign in with the openid scope so Cognito issues an ID token.")
                })?;
                let provider = format!(
                    "cognito-idp.{}.amazonaws.com/{}",
                    cfg.region, cfg.user_pool_id
                );
                Some(json!({ provider: id_token }))
            }
            None => None,
        };
        let guest_key = identity_key(&pool.id);
        // A known identity for the same principal is reused; a guest's is kept in storage.
        let known = match (session, self.credentials.borrow().as_ref()) {
            (Some(_), Some(c)) if c.principal == principal => Some(c.identity_id.clone()),
            _ => None,
        };
        let known = match (known, session) {
            (Some(id), _) => Some(id),
            (None, None) => self.env.get_item(&guest_key).await?,
            (None, Some(_)) => None,
        };
        let mut attempt_with_known = known.is_some();
        let mut identity_id = match known {
            Some(id) => id,
            None => {
                self.get_identity_id(pool, logins.as_ref(), session.is_none())
                    .await?
            }
        };
        let r = loop {
            let mut body = json!({ "IdentityId": identity_id });
            if let Some(l) = &logins {
                body["Logins"] = l.clone();
            }
            match self
                .identity_call(&pool.endpoint, "GetCredentialsForIdentity", body)
                .await
            {
                // A stored guest identity the pool no longer knows: get a new one, once.
                Err(e) if attempt_with_known && e.name == "ResourceNotFoundException" => {
                    attempt_with_known = false;
                    self.env.remove_item(&guest_key).await?;
                    identity_id = self
                        .get_identity_id(pool, logins.as_ref(), session.is_none())
                        .await?;
                }
                r => break r?,
            }
        };
        let c = r
            .get("Credentials")
            .and_then(Value::as_object)
            .ok_or_else(|| {
                AuthError::bad_reply("GetCredentialsForIdentity returned no Credentials")
            })?;
        let field = |k: &str| {
            c.get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| AuthError::bad_reply(&format!("Credentials.{k} is missing")))
        };
        let expiration_ms = c
            .get("Expiration")
            .and_then(Value::as_f64)
            .map(|s| s * 1000.0)
            .unwrap_or(now + 3_600_000.0);
        let credentials = json!({
            "accessKeyId": field("AccessKeyId")?,
            "secretAccessKey": field("SecretKey")?,
            "sessionToken": field("SessionToken")?,
            "expiration": expiration_ms,
        });
        if let Some(id) = r.get("IdentityId").and_then(Value::as_str) {
            identity_id = id.to_string();
        }
        *self.credentials.borrow_mut() = Some(CachedCredentials {
            principal,
            identity_id: identity_id.clone(),
            credentials: credentials.clone(),
            expiration_ms,
        });
        Ok(Some((identity_id, credentials)))
    }

    async fn get_identity_id(
        &self,
        pool: &crate::core::config::IdentityPoolConfig,
        logins: Option<&Value>,
        guest: bool,
    ) -> Result<String, AuthError> {
        let mut body = json!({ "IdentityPoolId": pool.id });
        if let Some(l) = logins {
            body["Logins"] = l.clone();
        }
        let r = self.identity_call(&pool.endpoint, "GetId", body).await?;
        let id = protocol::str_of(&r, "IdentityId")
            .ok_or_else(|| AuthError::bad_reply("GetId returned no IdentityId"))?
            .to_string();
        if guest {
            self.env.set_item(&identity_key(&pool.id), &id).await?;
        }
        Ok(id)
    }

    /// Forgets credentials and the guest identity (on sign-out).
    pub(super) async fn forget_identity(&self, cfg: &CognitoConfig) {
        self.clear_credentials().await;
        if let Some(pool) = &cfg.identity_pool {
            let _ = self.env.remove_item(&identity_key(&pool.id)).await;
        }
    }
}
