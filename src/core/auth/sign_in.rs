//! signIn flows, challenges and confirmSignIn, with the pending challenge kept
//! (in memory and per tab) so a reload within 3 minutes can still confirm it.

use super::*;
use crate::core::json;

/// How long a pending challenge may be confirmed, as Cognito's session and Amplify.
const PENDING_TTL_MS: f64 = 180_000.0;
/// Per-tab keys, as Amplify's sign-in store, so either library can resume the other's challenge.
const STATE_KEYS: [&str; 4] = [
    "CognitoSignInState.username",
    "CognitoSignInState.challengeName",
    "CognitoSignInState.signInSession",
    "CognitoSignInState.expiry",
];
/// What Amplify keeps only in memory; kept per tab here so a reload keeps signInDetails.
const DETAILS_KEY: &str = "CognitoSignInState.signInDetails";

/// A challenge waiting for `confirmSignIn`.
#[derive(Clone, Debug)]
pub(super) struct Pending {
    /// Cognito's challenge name, or `PASSWORD` / `PASSWORD_SRP` after a first-factor choice.
    pub challenge: String,
    pub session: Option<String>,
    /// Cognito's USERNAME for the challenge responses.
    pub username: String,
    /// The name typed to `signIn`, for `signInDetails`.
    pub login_id: String,
    pub auth_flow: String,
    pub expiry_ms: f64,
}

/// Who is signing in, carried through the steps of one sign-in.
#[derive(Clone)]
pub(super) struct Ctx {
    pub username: String,
    pub login_id: String,
    pub auth_flow: String,
    pub metadata: Option<Value>,
}

fn list_param(p: &Map<String, Value>, key: &str) -> Vec<String> {
    str_of(p, key)
        .and_then(|s| match json::parse(s) {
            Some(Value::Array(a)) => Some(
                a.into_iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default()
}

/// A copy of an object without one key (rebuilt rather than removed: BTreeMap
/// removal code is large in wasm and this is the only place that would need it).
fn without(v: &Value, key: &str) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

impl<E: Env> Auth<E> {
    /// Sends `body` (which carries the remembered device's key when `had_device`);
    /// if Cognito no longer knows that device, forgets it and sends once more
    /// without `DEVICE_KEY`, as Amplify does.
    async fn forgetting_stale_device<F, Fut>(
        &self,
        cfg: &CognitoConfig,
        username: &str,
        had_device: bool,
        body: Value,
        send: F,
    ) -> Result<Map<String, Value>, AuthError>
    where
        F: Fn(Value) -> Fut,
        Fut: core::future::Future<Output = Result<Map<String, Value>, AuthError>>,
    {
        match send(body.clone()).await {
            Err(e) if had_device && is_stale_device(&e) => {
                session::clear_device(&self.env, &cfg.user_pool_client_id, username).await?;
                send(without(&body, "DEVICE_KEY")).await
            }
            r => r,
        }
    }
}

fn sign_in_exception(message: String) -> AuthError {
    AuthError::new("SignInException", message)
}

impl<E: Env> Auth<E> {
    // ---- pending challenge ----

    pub(super) async fn save_pending(&self, p: Pending) {
        let details =
            json::to_string(&json!({ "loginId": p.login_id, "authFlowType": p.auth_flow }));
        let expiry = format!("{}", p.expiry_ms as u64);
        let values = [
            p.username.as_str(),
            p.challenge.as_str(),
            p.session.as_deref().unwrap_or(""),
            expiry.as_str(),
        ];
        for (k, v) in STATE_KEYS.iter().zip(values) {
            self.env.set_transient(k, v).await;
        }
        self.env.set_transient(DETAILS_KEY, &details).await;
        *self.pending.borrow_mut() = Some(p);
        self.discard_stored_pending.set(false);
    }

    pub(super) async fn clear_pending(&self) {
        *self.pending.borrow_mut() = None;
        for k in STATE_KEYS.iter().chain([&DETAILS_KEY]) {
            self.env.remove_transient(k).await;
        }
    }

    /// The pending challenge, from memory or (after a reload) from the tab's storage.
    async fn load_pending(&self) -> Option<Pending> {
        let now = self.env.now_ms();
        if self.discard_stored_pending.replace(false) {
            self.clear_pending().await;
            return None;
        }
        // Bound first: a RefCell borrow held across clear_pending() would panic.
        let in_memory = self.pending.borrow().clone();
        if let Some(p) = in_memory {
            if p.expiry_ms > now {
                return Some(p);
            }
            self.clear_pending().await;
            return None;
        }
        let mut v = Vec::new();
        for k in STATE_KEYS {
            v.push(self.env.get_transient(k).await.unwrap_or_default());
        }
        let expiry_ms = v[3].trim().parse::<u64>().unwrap_or(0) as f64;
        if v[0].is_empty() || v[1].is_empty() || expiry_ms <= now {
            // Expired or partial: remove it, as Amplify does when it loads.
            self.clear_pending().await;
            return None;
        }
        let details = self
            .env
            .get_transient(DETAILS_KEY)
            .await
            .and_then(|d| json::parse(&d))
            .unwrap_or(Value::Null);
        let detail = |k: &str| details.get(k).and_then(Value::as_str).map(str::to_string);
        let p = Pending {
            login_id: detail("loginId").unwrap_or_else(|| v[0].clone()),
            auth_flow: detail("authFlowType").unwrap_or_else(|| "USER_SRP_AUTH".into()),
            username: v[0].clone(),
            challenge: v[1].clone(),
            session: Some(v[2].clone()).filter(|s| !s.is_empty()),
            expiry_ms,
        };
        *self.pending.borrow_mut() = Some(p.clone());
        Some(p)
    }

    // ---- signIn ----

    pub async fn sign_in(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptySignInUsername",
            "username is required to signIn",
        )?;
        let o = i.options()?;
        let flow = o.opt_str("authFlowType")?.unwrap_or("USER_SRP_AUTH");
        let password = i.opt_str("password")?.unwrap_or("");
        let preferred = o.opt_str("preferredChallenge")?;
        let needs_password = match flow {
            "USER_SRP_AUTH" | "USER_PASSWORD_AUTH" | "CUSTOM_WITH_SRP" => true,
            "USER_AUTH" => matches!(preferred, Some("PASSWORD" | "PASSWORD_SRP")),
            "CUSTOM_WITHOUT_SRP" => {
                if !password.is_empty() {
                    return Err(AuthError::validation(
                        "CustomAuthSignInPassword",
                        "A password is not needed when signing in with CUSTOM_WITHOUT_SRP",
                        "Do not include a password in your signIn call.",
                    ));
                }
                false
            }
            other => {
                return Err(AuthError::validation(
                    "InvalidParameterException",
                    &format!("authFlowType {other} is not supported."),
                    "Use USER_SRP_AUTH, USER_PASSWORD_AUTH, CUSTOM_WITH_SRP, CUSTOM_WITHOUT_SRP or USER_AUTH.",
                ))
            }
        };
        if needs_password && password.is_empty() {
            return Err(AuthError::validation(
                "EmptySignInPassword",
                "password is required to signIn",
                "Pass a non-empty password.",
            ));
        }
        let metadata = o
            .string_map("clientMetadata")?
            .map(|m| Value::Object(m.clone()));
        // Amplify swallows errors here: a dead stored session must not block a new sign-in.
        if let Ok(Some(s)) = self.current_session(&cfg, false).await {
            let id = s.id_claims.as_ref().unwrap_or(&s.access_claims);
            if jwt::str_claim(id, "sub").is_some() {
                return Err(AuthError::new(
                    "UserAlreadyAuthenticatedException",
                    "There is already a signed in user.",
                )
                .with_recovery("Call signOut before calling signIn again."));
            }
        }
        self.clear_pending().await;
        if !flow.starts_with("CUSTOM") {
            *self.auto.borrow_mut() = None;
        }
        let ctx = Ctx {
            username: username.to_string(),
            login_id: username.to_string(),
            auth_flow: flow.to_string(),
            metadata,
        };
        let result = match flow {
            "USER_SRP_AUTH" => {
                self.flow_srp(&cfg, &ctx, password, "USER_SRP_AUTH", json!({}))
                    .await
            }
            "CUSTOM_WITH_SRP" => {
                self.flow_srp(
                    &cfg,
                    &ctx,
                    password,
                    "CUSTOM_AUTH",
                    json!({ "CHALLENGE_NAME": "SRP_A" }),
                )
                .await
            }
            "USER_PASSWORD_AUTH" => self.flow_password(&cfg, &ctx, password).await,
            "CUSTOM_WITHOUT_SRP" => self.flow_custom(&cfg, &ctx).await,
            _ => {
                self.flow_user_auth(&cfg, &ctx, password, preferred, None)
                    .await
            }
        };
        if result.is_err() {
            self.clear_pending().await;
        }
        map_sign_in_errors(result)
    }

    /// The stored device key for `username`, when a device is remembered.
    async fn device_key(&self, cfg: &CognitoConfig, username: &str) -> Option<String> {
        session::load_device(&self.env, &cfg.user_pool_client_id, username)
            .await
            .ok()
            .flatten()
            .map(|d| d.device_key.clone())
    }

    /// The SRP state for a sign-in: the one prepared ahead of time if there is
    /// one (each is used once), else a fresh one.
    fn new_srp(&self) -> Result<SrpClient, AuthError> {
        if let Some(srp) = self.prepared_srp.borrow_mut().take() {
            return Ok(srp);
        }
        let mut random = Zeroizing::new([0u8; A_RANDOM_BYTES]);
        self.env.fill_random(&mut random[..])?;
        SrpClient::new(&random[..])
    }

    /// Computes the next sign-in's `a` and `A = g^a` now (the slowest step before
    /// the first request), so signIn can send its first request at once. Called
    /// by the package when the page is idle after configure().
    pub fn prepare_sign_in(&self) -> Result<Value, AuthError> {
        if self.prepared_srp.borrow().is_none() {
            let mut random = Zeroizing::new([0u8; A_RANDOM_BYTES]);
            self.env.fill_random(&mut random[..])?;
            let srp = SrpClient::new(&random[..])?;
            *self.prepared_srp.borrow_mut() = Some(srp);
        }
        Ok(Value::Null)
    }

    async fn initiate(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        flow: &str,
        params: Value,
        session: Option<&str>,
    ) -> Result<Map<String, Value>, AuthError> {
        let mut body = json!({ "AuthFlow": flow, "ClientId": cfg.user_pool_client_id, "AuthParameters": params });
        if let Some(m) = &ctx.metadata {
            body["ClientMetadata"] = m.clone();
        }
        if let Some(s) = session {
            body["Session"] = s.into();
        }
        self.call(cfg, "InitiateAuth", body).await
    }

    async fn flow_srp(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        password: &str,
        flow: &str,
        extra: Value,
    ) -> Result<Value, AuthError> {
        let srp = self.new_srp()?;
        let mut params = json!({ "USERNAME": ctx.username, "SRP_A": srp.public_hex() });
        if let Value::Object(extra) = extra {
            for (k, v) in extra {
                params[k] = v;
            }
        }
        let r = self.initiate(cfg, ctx, flow, params, None).await?;
        // CUSTOM_WITH_SRP always proceeds to the password verifier, as Amplify.
        if str_of(&r, "ChallengeName") != Some("PASSWORD_VERIFIER") {
            return Err(AuthError::bad_reply(&format!(
                "{flow} did not answer with PASSWORD_VERIFIER"
            )));
        }
        self.password_verifier(cfg, ctx, &srp, password, &r).await
    }

    /// Answers PASSWORD_VERIFIER with the SRP proof, then handles what follows.
    pub(super) async fn password_verifier(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        srp: &SrpClient,
        password: &str,
        r: &Map<String, Value>,
    ) -> Result<Value, AuthError> {
        let p = challenge_params(r)?;
        let param = |k: &str| {
            str_of(&p, k)
                .ok_or_else(|| AuthError::bad_reply(&format!("ChallengeParameters.{k} is missing")))
        };
        let user_id = param("USER_ID_FOR_SRP")?;
        let active = str_of(&p, "USERNAME").unwrap_or(&ctx.username).to_string();
        let claim = srp.password_claim(
            &cfg.user_pool_id,
            user_id,
            password,
            param("SALT")?,
            param("SRP_B")?,
            param("SECRET_BLOCK")?,
            self.env.now_ms(),
        )?;
        let mut responses = json!({
            "USERNAME": user_id,
            "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
            "TIMESTAMP": claim.timestamp,
            "PASSWORD_CLAIM_SIGNATURE": claim.signature,
        });
        let device = self.device_key(cfg, &active).await;
        if let Some(d) = &device {
            responses["DEVICE_KEY"] = d.clone().into();
        }
        let ctx = Ctx {
            username: active,
            ..ctx.clone()
        };
        let session = str_of(r, "Session");
        let reply = self
            .forgetting_stale_device(cfg, &ctx.username, device.is_some(), responses, |b| {
                self.respond(cfg, "PASSWORD_VERIFIER", b, session, ctx.metadata.clone())
            })
            .await?;
        self.handle_auth_reply(cfg, &reply, &ctx).await
    }

    pub(super) async fn respond(
        &self,
        cfg: &CognitoConfig,
        challenge: &str,
        responses: Value,
        session: Option<&str>,
        metadata: Option<Value>,
    ) -> Result<Map<String, Value>, AuthError> {
        let mut body = json!({
            "ChallengeName": challenge,
            "ClientId": cfg.user_pool_client_id,
            "ChallengeResponses": responses,
        });
        if let Some(s) = session {
            body["Session"] = s.into();
        }
        if let Some(m) = metadata {
            body["ClientMetadata"] = m;
        }
        self.call(cfg, "RespondToAuthChallenge", body).await
    }

    async fn flow_password(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        password: &str,
    ) -> Result<Value, AuthError> {
        let mut params = json!({ "USERNAME": ctx.username, "PASSWORD": password });
        let device = self.device_key(cfg, &ctx.username).await;
        if let Some(d) = &device {
            params["DEVICE_KEY"] = d.clone().into();
        }
        let r = self
            .forgetting_stale_device(cfg, &ctx.username, device.is_some(), params, |b| {
                self.initiate(cfg, ctx, "USER_PASSWORD_AUTH", b, None)
            })
            .await?;
        let p = challenge_params(&r)?;
        let active = str_of(&p, "USERNAME")
            .or_else(|| str_of(&p, "USER_ID_FOR_SRP"))
            .unwrap_or(&ctx.username)
            .to_string();
        let ctx = Ctx {
            username: active,
            ..ctx.clone()
        };
        self.handle_auth_reply(cfg, &r, &ctx).await
    }

    async fn flow_custom(&self, cfg: &CognitoConfig, ctx: &Ctx) -> Result<Value, AuthError> {
        let mut params = json!({ "USERNAME": ctx.username });
        let device = self.device_key(cfg, &ctx.username).await;
        if let Some(d) = &device {
            params["DEVICE_KEY"] = d.clone().into();
        }
        let r = self
            .forgetting_stale_device(cfg, &ctx.username, device.is_some(), params, |b| {
                self.initiate(cfg, ctx, "CUSTOM_AUTH", b, None)
            })
            .await?;
        let p = challenge_params(&r)?;
        let ctx = Ctx {
            username: str_of(&p, "USERNAME").unwrap_or(&ctx.username).to_string(),
            ..ctx.clone()
        };
        self.handle_auth_reply(cfg, &r, &ctx).await
    }

    /// USER_AUTH (choice-based sign-in). `session` continues a confirmed sign-up (autoSignIn).
    pub(super) async fn flow_user_auth(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        password: &str,
        preferred: Option<&str>,
        session: Option<&str>,
    ) -> Result<Value, AuthError> {
        let mut params = json!({ "USERNAME": ctx.username });
        match preferred {
            Some("PASSWORD_SRP") => {
                let srp = self.new_srp()?;
                params["PREFERRED_CHALLENGE"] = "PASSWORD_SRP".into();
                params["SRP_A"] = srp.public_hex().into();
                let r = self.initiate(cfg, ctx, "USER_AUTH", params, None).await?;
                if str_of(&r, "ChallengeName") == Some("PASSWORD_VERIFIER") {
                    return self.password_verifier(cfg, ctx, &srp, password, &r).await;
                }
                let p = challenge_params(&r)?;
                let ctx = Ctx {
                    username: str_of(&p, "USERNAME").unwrap_or(&ctx.username).to_string(),
                    ..ctx.clone()
                };
                return self.handle_auth_reply(cfg, &r, &ctx).await;
            }
            Some("PASSWORD") => {
                params["PREFERRED_CHALLENGE"] = "PASSWORD".into();
                params["PASSWORD"] = password.into();
            }
            Some(other) => params["PREFERRED_CHALLENGE"] = other.into(),
            None => {}
        }
        let r = self
            .initiate(cfg, ctx, "USER_AUTH", params, session)
            .await?;
        self.handle_auth_reply(cfg, &r, ctx).await
    }

    /// Stores tokens on success, runs device steps, or records the next challenge.
    pub(super) async fn handle_auth_reply(
        &self,
        cfg: &CognitoConfig,
        r: &Map<String, Value>,
        ctx: &Ctx,
    ) -> Result<Value, AuthError> {
        // A remembered device answers its own SRP challenge first (no recursion: the
        // reply to that is handled below like any other).
        let device_reply;
        let r = if str_of(r, "ChallengeName") == Some("DEVICE_SRP_AUTH") {
            device_reply = self.device_srp_auth(cfg, ctx, r).await?;
            if str_of(&device_reply, "ChallengeName") == Some("DEVICE_SRP_AUTH") {
                return Err(AuthError::bad_reply("DEVICE_SRP_AUTH was asked for twice"));
            }
            &device_reply
        } else {
            r
        };
        if let Some(Value::Object(result)) = r.get("AuthenticationResult") {
            return self.finish_sign_in(cfg, ctx, result).await;
        }
        let Some(challenge) = str_of(r, "ChallengeName") else {
            return Err(AuthError::bad_reply(
                "neither AuthenticationResult nor ChallengeName was returned",
            ));
        };
        let p = challenge_params(r)?;
        let username = str_of(&p, "USERNAME").unwrap_or(&ctx.username).to_string();
        let mut session = str_of(r, "Session").map(str::to_string);
        let step = match challenge {
            "NEW_PASSWORD_REQUIRED" => {
                let missing: Vec<String> = list_param(&p, "requiredAttributes")
                    .into_iter()
                    .map(|a| a.trim_start_matches("userAttributes.").to_string())
                    .collect();
                json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", "missingAttributes": missing })
            }
            "SMS_MFA" | "SMS_OTP" | "EMAIL_OTP" => json!({
                "signInStep": if challenge == "EMAIL_OTP" { "CONFIRM_SIGN_IN_WITH_EMAIL_CODE" } else { "CONFIRM_SIGN_IN_WITH_SMS_CODE" },
                "codeDeliveryDetails": {
                    "deliveryMedium": p.get("CODE_DELIVERY_DELIVERY_MEDIUM"),
                    "destination": p.get("CODE_DELIVERY_DESTINATION"),
                },
            }),
            "SOFTWARE_TOKEN_MFA" => json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_TOTP_CODE" }),
            "CUSTOM_CHALLENGE" => json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", "additionalInfo": p }),
            "SELECT_MFA_TYPE" => {
                let allowed: Vec<&str> = list_param(&p, "MFAS_CAN_CHOOSE")
                    .iter()
                    .filter_map(|m| account::mfa_type(m))
                    .collect();
                json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", "allowedMFATypes": allowed })
            }
            "SELECT_CHALLENGE" => json!({
                "signInStep": "CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION",
                "availableChallenges": r.get("AvailableChallenges"),
            }),
            "MFA_SETUP" => {
                let types: Vec<&str> = list_param(&p, "MFAS_CAN_SETUP")
                    .iter()
                    .filter_map(|m| account::mfa_type(m))
                    .filter(|t| *t == "TOTP" || *t == "EMAIL")
                    .collect();
                match (types.contains(&"TOTP"), types.contains(&"EMAIL")) {
                    (true, true) => json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION", "allowedMFATypes": types }),
                    (false, true) => json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_EMAIL_SETUP" }),
                    (true, false) => {
                        let (secret, s) = self.associate_in_sign_in(cfg, session.as_deref()).await?;
                        session = s;
                        json!({
                            "signInStep": "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
                            "totpSetupDetails": { "sharedSecret": secret, "username": username },
                        })
                    }
                    (false, false) => {
                        return Err(sign_in_exception(format!(
                            "Cannot initiate MFA setup from available types: {}",
                            list_param(&p, "MFAS_CAN_SETUP").join(",")
                        )))
                    }
                }
            }
            other => {
                return Err(sign_in_exception(format!(
                    "An error occurred during the sign in process. {other} challengeName returned by the underlying service was not addressed."
                ))
                .with_recovery("This challenge is not supported by cognito-wasm."))
            }
        };
        self.save_pending(Pending {
            challenge: challenge.to_string(),
            session,
            username,
            login_id: ctx.login_id.clone(),
            auth_flow: ctx.auth_flow.clone(),
            expiry_ms: self.env.now_ms() + PENDING_TTL_MS,
        })
        .await;
        Ok(json!({ "isSignedIn": false, "nextStep": step }))
    }

    /// AssociateSoftwareToken during sign-in: the secret and the session to continue with.
    async fn associate_in_sign_in(
        &self,
        cfg: &CognitoConfig,
        session: Option<&str>,
    ) -> Result<(String, Option<String>), AuthError> {
        let r = self
            .call(cfg, "AssociateSoftwareToken", json!({ "Session": session }))
            .await?;
        let secret = str_of(&r, "SecretCode")
            .ok_or_else(|| AuthError::new("SetUpTOTPException", "Failed to set up TOTP."))?
            .to_string();
        Ok((
            secret,
            str_of(&r, "Session")
                .map(str::to_string)
                .or(session.map(str::to_string)),
        ))
    }

    /// Tokens are in: confirm a new device, store the session, announce it.
    async fn finish_sign_in(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        result: &Map<String, Value>,
    ) -> Result<Value, AuthError> {
        let details = json!({ "loginId": ctx.login_id, "authFlowType": ctx.auth_flow });
        let s = Session::from_result(
            &ctx.username,
            result,
            None,
            Some(details),
            self.env.now_ms(),
        )?;
        if let Some(Value::Object(meta)) = result.get("NewDeviceMetadata") {
            // Amplify ignores a failed device confirmation: the sign-in itself succeeded.
            let _ = self
                .confirm_new_device(cfg, &ctx.username, meta, &s.access_token)
                .await;
        }
        self.bump_generation();
        if let Err(e) = session::store(&self.env, &cfg.user_pool_client_id, &s).await {
            // Never leave a half-written session (say, a new access token with an old id token),
            // nor a live refresh token nobody holds: revoke what was issued.
            let _ = session::clear_user(&self.env, &cfg.user_pool_client_id, &s.username).await;
            if let (Some(rt), true) = (&s.refresh_token, s.access_claims.contains_key("origin_jti"))
            {
                let _ = self
                    .call(
                        cfg,
                        "RevokeToken",
                        json!({ "ClientId": cfg.user_pool_client_id, "Token": rt }),
                    )
                    .await;
            }
            return Err(e);
        }
        self.clear_pending().await;
        self.clear_credentials().await;
        self.env.emit("signedIn", Some(session_ops::auth_user(&s)));
        Ok(signed_in_done())
    }

    /// Continues a sign-in the typed engine started: `reply` is Cognito's answer
    /// to its last request (a challenge, or tokens for a new device), for this engine
    /// to carry on exactly as if it had sent that request itself.
    pub async fn continue_sign_in(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let reply = match i.get("reply") {
            Some(Value::Object(m)) => m,
            _ => return Err(AuthError::bad_reply("the reply is not an object")),
        };
        let text = |k: &str| i.opt_str(k).map(|v| v.unwrap_or_default().to_string());
        let ctx = Ctx {
            username: text("username")?,
            login_id: text("loginId")?,
            auth_flow: text("authFlowType")?,
            metadata: i
                .string_map("clientMetadata")?
                .map(|m| Value::Object(m.clone())),
        };
        self.clear_pending().await;
        let result = self.handle_auth_reply(&cfg, reply, &ctx).await;
        if result.is_err() {
            self.clear_pending().await;
        }
        map_sign_in_errors(result)
    }

    // ---- confirmSignIn ----

    pub async fn confirm_sign_in(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let answer = i.required(
            "challengeResponse",
            "EmptyChallengeResponse",
            "challengeResponse is required to confirmSignIn",
        )?;
        let Some(p) = self.load_pending().await else {
            return Err(sign_in_exception(
                "An error occurred during the sign in process. This most likely occurred due to: 1. signIn was not called before confirmSignIn. 2. signIn threw an exception. 3. page was refreshed during the sign in flow and session has expired.".into(),
            )
            .with_recovery("Make sure a successful call to signIn is made before calling confirmSignIn and that the session has not expired."));
        };
        let o = i.options()?;
        let metadata = o
            .string_map("clientMetadata")?
            .map(|m| Value::Object(m.clone()));
        let ctx = Ctx {
            username: p.username.clone(),
            login_id: p.login_id.clone(),
            auth_flow: p.auth_flow.clone(),
            metadata: metadata.clone(),
        };
        // Errors keep the challenge pending, so a mistyped code can be retried.
        map_sign_in_errors(self.answer(&cfg, &ctx, &p, answer, &o).await)
    }

    async fn answer(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        p: &Pending,
        answer: &str,
        o: &Input<'_>,
    ) -> Result<Value, AuthError> {
        let session = p.session.as_deref();
        let mut responses = json!({ "USERNAME": p.username });
        let code_key = match p.challenge.as_str() {
            "SMS_MFA" => Some("SMS_MFA_CODE"),
            "SMS_OTP" => Some("SMS_OTP_CODE"),
            "EMAIL_OTP" => Some("EMAIL_OTP_CODE"),
            "SOFTWARE_TOKEN_MFA" => Some("SOFTWARE_TOKEN_MFA_CODE"),
            "CUSTOM_CHALLENGE" => Some("ANSWER"),
            _ => None,
        };
        if let Some(key) = code_key {
            responses[key] = answer.into();
            let device = self.device_key(cfg, &p.username).await;
            if let Some(d) = &device {
                responses["DEVICE_KEY"] = d.clone().into();
            }
            let r = self
                .forgetting_stale_device(cfg, &p.username, device.is_some(), responses, |b| {
                    self.respond(cfg, &p.challenge, b, session, ctx.metadata.clone())
                })
                .await?;
            return self.handle_auth_reply(cfg, &r, ctx).await;
        }
        match p.challenge.as_str() {
            "NEW_PASSWORD_REQUIRED" => {
                if let Some(attrs) = o.string_map("userAttributes")? {
                    for (k, v) in attrs {
                        if v.as_str().is_some_and(|v| !v.is_empty()) {
                            responses[format!("userAttributes.{k}")] = v.clone();
                        }
                    }
                }
                responses["NEW_PASSWORD"] = answer.into();
            }
            "SELECT_MFA_TYPE" => {
                responses["ANSWER"] = match answer {
                    "SMS" => "SMS_MFA",
                    "TOTP" => "SOFTWARE_TOKEN_MFA",
                    "EMAIL" => "EMAIL_OTP",
                    _ => {
                        return Err(AuthError::validation(
                            "IncorrectMFAMethod",
                            "Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL",
                            "Try to pass SMS, TOTP, or EMAIL as the challengeResponse",
                        ))
                    }
                }
                .into();
            }
            "SELECT_CHALLENGE" => {
                if answer == "PASSWORD" || answer == "PASSWORD_SRP" {
                    // The password comes with the next confirmSignIn; nothing to send yet.
                    self.save_pending(Pending { challenge: answer.to_string(), ..p.clone() }).await;
                    return Ok(next_step("CONFIRM_SIGN_IN_WITH_PASSWORD"));
                }
                responses["ANSWER"] = answer.into();
            }
            "PASSWORD" => {
                responses["ANSWER"] = "PASSWORD".into();
                responses["PASSWORD"] = answer.into();
                let r = self
                    .respond(cfg, "SELECT_CHALLENGE", responses, session, ctx.metadata.clone())
                    .await?;
                let cp = challenge_params(&r)?;
                let ctx = Ctx { username: str_of(&cp, "USERNAME").unwrap_or(&p.username).to_string(), ..ctx.clone() };
                return self.handle_auth_reply(cfg, &r, &ctx).await;
            }
            "PASSWORD_SRP" => {
                let srp = self.new_srp()?;
                responses["ANSWER"] = "PASSWORD_SRP".into();
                responses["SRP_A"] = srp.public_hex().into();
                let r = self
                    .respond(cfg, "SELECT_CHALLENGE", responses, session, ctx.metadata.clone())
                    .await?;
                if str_of(&r, "ChallengeName") == Some("PASSWORD_VERIFIER") {
                    return self.password_verifier(cfg, ctx, &srp, answer, &r).await;
                }
                return self.handle_auth_reply(cfg, &r, ctx).await;
            }
            "MFA_SETUP" => return self.answer_mfa_setup(cfg, ctx, p, answer, o).await,
            other => {
                return Err(sign_in_exception(format!(
                    "An error occurred during the sign in process. {other} challengeName returned by the underlying service was not addressed."
                )))
            }
        }
        let r = self
            .respond(cfg, &p.challenge, responses, session, ctx.metadata.clone())
            .await?;
        self.handle_auth_reply(cfg, &r, ctx).await
    }

    async fn answer_mfa_setup(
        &self,
        cfg: &CognitoConfig,
        ctx: &Ctx,
        p: &Pending,
        answer: &str,
        o: &Input<'_>,
    ) -> Result<Value, AuthError> {
        let session = p.session.as_deref();
        if answer == "EMAIL" {
            return Ok(next_step("CONTINUE_SIGN_IN_WITH_EMAIL_SETUP"));
        }
        if answer == "TOTP" {
            let (secret, s) = self.associate_in_sign_in(cfg, session).await?;
            self.save_pending(Pending {
                session: s,
                ..p.clone()
            })
            .await;
            return Ok(json!({
                "isSignedIn": false,
                "nextStep": {
                    "signInStep": "CONTINUE_SIGN_IN_WITH_TOTP_SETUP",
                    "totpSetupDetails": { "sharedSecret": secret, "username": p.username },
                },
            }));
        }
        if !answer.is_empty() && answer.bytes().all(|b| b.is_ascii_digit()) {
            let mut body = json!({ "UserCode": answer, "Session": session });
            if let Some(n) = o.opt_str("friendlyDeviceName")? {
                body["FriendlyDeviceName"] = n.into();
            }
            let v = self.call(cfg, "VerifySoftwareToken", body).await?;
            let next = str_of(&v, "Session")
                .map(str::to_string)
                .or(p.session.clone());
            self.save_pending(Pending {
                session: next.clone(),
                ..p.clone()
            })
            .await;
            let r = self
                .respond(
                    cfg,
                    "MFA_SETUP",
                    json!({ "USERNAME": p.username }),
                    next.as_deref(),
                    ctx.metadata.clone(),
                )
                .await?;
            return self.handle_auth_reply(cfg, &r, ctx).await;
        }
        if answer.contains('@') {
            let r = self
                .respond(
                    cfg,
                    "MFA_SETUP",
                    json!({ "USERNAME": p.username, "EMAIL": answer }),
                    session,
                    ctx.metadata.clone(),
                )
                .await?;
            return self.handle_auth_reply(cfg, &r, ctx).await;
        }
        Err(sign_in_exception("Cannot proceed with MFA setup using this challengeResponse.".into())
            .with_recovery("Try passing \"EMAIL\", \"TOTP\", a valid email, or OTP code as the challengeResponse."))
    }
}
