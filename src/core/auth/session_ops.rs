//! The stored session: refresh, fetchAuthSession, getCurrentUser, signOut.
use super::*;

/// Releases a cross-tab lock when the refresh ends, however it ends.
struct TabLock<'a, E: Env>(&'a E, u32);

impl<E: Env> Drop for TabLock<'_, E> {
    fn drop(&mut self) {
        self.0.unlock(self.1);
    }
}

/// `{ username, userId, signInDetails }` as Amplify's `getCurrentUser` builds it:
/// from the id token, falling back to the access token's claims.
pub(super) fn auth_user(s: &Session) -> Value {
    let (username, user_id) = match &s.id_claims {
        Some(c) => (
            jwt::str_claim(c, "cognito:username"),
            jwt::str_claim(c, "sub"),
        ),
        None => (jwt::str_claim(&s.access_claims, "username"), s.user_sub()),
    };
    let mut out = json!({ "username": username, "userId": user_id });
    if let Some(d) = &s.sign_in_details {
        out["signInDetails"] = d.clone();
    }
    out
}

impl<E: Env> Auth<E> {
    // ---- session ----

    /// The stored session, refreshed when expired or when `force` is set.
    /// A dead refresh token clears it; any other failure keeps it and is reported.
    pub(super) async fn current_session(
        &self,
        cfg: &CognitoConfig,
        force: bool,
    ) -> Result<Option<Session>, AuthError> {
        let client = &cfg.user_pool_client_id;
        if self.refresh_gate.busy.get() {
            // Another caller is refreshing: use its result rather than racing it
            // (with rotation, a second refresh with the old token would fail).
            self.refresh_gate.wait_idle().await;
            let s = session::load(&self.env, client).await?;
            if s.as_ref().is_some_and(|s| s.is_expired(self.env.now_ms())) {
                return Err(AuthError::new(
                    "TokenRefreshException",
                    "The session could not be refreshed.",
                )
                .with_recovery("Retry; if it keeps failing, sign in again."));
            }
            return Ok(s);
        }
        let Some(s) = session::load(&self.env, client).await? else {
            return Ok(None);
        };
        if !force && !s.is_expired(self.env.now_ms()) {
            return Ok(Some(s));
        }
        let _guard = self.refresh_gate.enter();
        // Other tabs share the storage: take the cross-tab lock, then look again,
        // since another tab may have refreshed (and rotated the token) meanwhile.
        let _tab_lock = TabLock(
            &self.env,
            self.env
                .lock(&format!("cognito-wasm.refresh.{client}"))
                .await,
        );
        let s = match session::load(&self.env, client).await? {
            None => return Ok(None),
            // Fresh now (another tab refreshed, or our first read was torn mid-write):
            // use it; a forced refresh still needs tokens newer than those it saw.
            Some(latest)
                if !latest.is_expired(self.env.now_ms())
                    && (!force || latest.access_token != s.access_token) =>
            {
                return Ok(Some(latest))
            }
            Some(latest) => latest,
        };
        let Some(refresh) = s.refresh_token.clone() else {
            // Expired with nothing to renew it (an implicit-flow session, or a store
            // that lost the key): it can never come back, so it is signed out.
            let e = AuthError::new(
                "TokenRefreshException",
                "The session has expired and there is no refresh token.",
            )
            .with_recovery("Sign in again.");
            self.env.emit(
                "tokenRefresh_failure",
                Some(json!({ "error": e.to_json() })),
            );
            session::clear(&self.env, client).await?;
            return Ok(None);
        };
        let generation = self.generation.get();
        let device = session::load_device(&self.env, client, &s.username)
            .await
            .ok()
            .flatten();
        let outcome = self
            .refresh(
                cfg,
                &refresh,
                device.as_ref().map(|d| d.device_key.as_str()),
            )
            .await;
        // Sign-in, sign-out or configure happened meanwhile: what we got is stale.
        let now = session::load(&self.env, client).await?;
        let still_ours = self.generation.get() == generation
            && now.as_ref().is_some_and(|n| {
                n.username == s.username && n.refresh_token.as_deref() == Some(refresh.as_str())
            });
        if !still_ours {
            return Ok(now);
        }
        match outcome {
            Ok(result) => {
                let fresh = Session::from_result(
                    &s.username,
                    &result,
                    Some(&refresh),
                    s.sign_in_details.clone(),
                    self.env.now_ms(),
                )?;
                session::store(&self.env, client, &fresh).await?;
                self.env.emit("tokenRefresh", None);
                Ok(Some(fresh))
            }
            Err(e) if session_is_dead(&e) => {
                self.env.emit(
                    "tokenRefresh_failure",
                    Some(json!({ "error": e.to_json() })),
                );
                session::clear(&self.env, client).await?;
                if e.name.starts_with("NotAuthorizedException") {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
            Err(e) => {
                self.env.emit(
                    "tokenRefresh_failure",
                    Some(json!({ "error": e.to_json() })),
                );
                Err(e)
            }
        }
    }

    pub(super) async fn refresh(
        &self,
        cfg: &CognitoConfig,
        refresh: &str,
        device_key: Option<&str>,
    ) -> Result<Map<String, Value>, AuthError> {
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "RefreshToken": refresh });
        if let Some(d) = device_key {
            body["DeviceKey"] = d.into();
        }
        let r = match self.call(cfg, "GetTokensFromRefreshToken", body).await {
            // Servers without the newer operation: fall back to the classic flow.
            Err(e)
                if matches!(
                    e.name.as_str(),
                    "UnknownOperationException"
                        | "InvalidAction"
                        | "MissingAuthenticationTokenException"
                        | "UnsupportedOperationException"
                ) =>
            {
                let mut body = json!({
                    "AuthFlow": "REFRESH_TOKEN_AUTH",
                    "ClientId": cfg.user_pool_client_id,
                    "AuthParameters": { "REFRESH_TOKEN": refresh },
                });
                if let Some(d) = device_key {
                    body["AuthParameters"]["DEVICE_KEY"] = d.into();
                }
                self.call(cfg, "InitiateAuth", body).await?
            }
            r => r?,
        };
        match r.get("AuthenticationResult") {
            Some(Value::Object(m)) => Ok(m.clone()),
            _ => Err(AuthError::bad_reply(
                "the refresh reply has no AuthenticationResult",
            )),
        }
    }

    pub async fn fetch_auth_session(&self, input: &Value) -> Result<Value, AuthError> {
        let i = Input::new(input)?;
        let force = matches!(i.get("forceRefresh"), Some(Value::Bool(true)));
        let Ok(cfg) = self.cfg() else {
            return Ok(json!({}));
        };
        let Some(s) = self.current_session(&cfg, force).await? else {
            // Guests may still get identity pool credentials.
            return Ok(match self.aws_credentials(&cfg, None, force).await? {
                Some((id, creds)) => json!({ "identityId": id, "credentials": creds }),
                None => json!({}),
            });
        };
        let mut out = json!({ "userSub": s.user_sub() });
        if let Some((id, creds)) = self.aws_credentials(&cfg, Some(&s), force).await? {
            out["identityId"] = id.into();
            out["credentials"] = creds;
        }
        let mut tokens = json!({ "accessToken": s.access_token });
        if let Some(t) = &s.id_token {
            tokens["idToken"] = t.clone().into();
        }
        if let Some(d) = &s.sign_in_details {
            tokens["signInDetails"] = d.clone();
        }
        out["tokens"] = tokens;
        Ok(out)
    }

    pub async fn get_current_user(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let s = match self.current_session(&cfg, false).await {
            // Offline with an expired access token: the user is still signed in
            // (the refresh will be tried again on the next call that needs tokens).
            Err(e) if is_retryable(&e) => {
                session::load(&self.env, &cfg.user_pool_client_id).await?
            }
            r => r?,
        };
        Ok(auth_user(&s.ok_or_else(AuthError::not_signed_in)?))
    }

    /// Signs out locally (revoking the refresh token) or everywhere (`global`).
    /// Storage is cleared even when the server cannot be reached, as Amplify does;
    /// the revocation error is returned as `revokeError` for the caller to report.
    pub async fn sign_out(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let global = matches!(i.get("global"), Some(Value::Bool(true)));
        self.clear_pending().await;
        self.bump_generation();
        let stored = session::load(&self.env, &cfg.user_pool_client_id)
            .await
            .ok()
            .flatten();
        let mut failure = None;
        if let Some(s) = &stored {
            let r = if global {
                self.call(
                    &cfg,
                    "GlobalSignOut",
                    json!({ "AccessToken": s.access_token }),
                )
                .await
                .map(drop)
            } else if let (Some(rt), true) =
                (&s.refresh_token, s.access_claims.contains_key("origin_jti"))
            {
                self.call(
                    &cfg,
                    "RevokeToken",
                    json!({ "ClientId": cfg.user_pool_client_id, "Token": rt }),
                )
                .await
                .map(drop)
            } else {
                Ok(())
            };
            failure = r.err();
        }
        let was_oauth = match &stored {
            Some(s) => self
                .env
                .get_item(&session::user_key(
                    &cfg.user_pool_client_id,
                    &s.username,
                    "oauthMetadata",
                ))
                .await
                .ok()
                .flatten()
                .is_some_and(|m| m.contains("\"oauthSignIn\":true")),
            None => false,
        };
        session::clear(&self.env, &cfg.user_pool_client_id).await?;
        self.forget_identity(&cfg).await;
        self.env.emit("signedOut", None);
        // Storage is already clear; only now leave for the hosted UI's logout.
        self.hosted_ui_sign_out(&cfg, was_oauth).await?;
        Ok(match failure {
            Some(e) => json!({ "revokeError": e.to_json() }),
            None => json!({}),
        })
    }
}
