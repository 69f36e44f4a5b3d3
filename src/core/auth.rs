//! The Amplify v6 Auth API over an [`Env`]: inputs and results are JSON values
//! shaped exactly like `aws-amplify/auth`'s, so the wasm facade only moves them.

use crate::core::config::{self, CognitoConfig};
use crate::core::env::Env;
use crate::core::error::AuthError;
use crate::core::jwt;
use crate::core::protocol::{self, challenge_params, str_of};
use crate::core::session::{self, Session};
use crate::core::srp::{SrpClient, A_RANDOM_BYTES};
use core::cell::{Cell, RefCell};
use core::future::poll_fn;
use core::task::{Poll, Waker};
use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

/// A challenge waiting for `confirmSignIn`.
#[derive(Clone)]
struct Pending {
    challenge: String,
    session: Option<String>,
    /// Cognito's username for the challenge responses.
    username: String,
    /// The name typed to `signIn`, for `signInDetails`.
    login_id: String,
    auth_flow: String,
    client_metadata: Option<Value>,
}

pub struct Auth<E: Env> {
    env: E,
    config: RefCell<Option<CognitoConfig>>,
    pending: RefCell<Option<Pending>>,
    /// Bumped by sign-in, sign-out and configure, so a refresh that was in flight
    /// across one of them does not write its (now stale) result.
    generation: Cell<u64>,
    refresh_gate: RefreshGate,
}

/// One token refresh at a time: later callers wait for it and then read storage.
#[derive(Default)]
struct RefreshGate {
    busy: Cell<bool>,
    waiters: RefCell<Vec<Waker>>,
}

impl RefreshGate {
    async fn wait_idle(&self) {
        poll_fn(|cx| {
            if self.busy.get() {
                self.waiters.borrow_mut().push(cx.waker().clone());
                Poll::Pending
            } else {
                Poll::Ready(())
            }
        })
        .await
    }

    fn enter(&self) -> GateGuard<'_> {
        self.busy.set(true);
        GateGuard(self)
    }
}

/// Releases the gate even if the refreshing future is dropped half-way.
struct GateGuard<'a>(&'a RefreshGate);

impl Drop for GateGuard<'_> {
    fn drop(&mut self) {
        self.0.busy.set(false);
        let waiters: Vec<Waker> = self.0.waiters.borrow_mut().drain(..).collect();
        for w in waiters {
            w.wake();
        }
    }
}

/// Reads fields of a call's input object, with errors that name the field.
struct Input<'a>(Option<&'a Map<String, Value>>);

impl<'a> Input<'a> {
    fn new(v: &'a Value) -> Result<Self, AuthError> {
        match v {
            Value::Object(m) => Ok(Input(Some(m))),
            Value::Null => Ok(Input(None)),
            _ => Err(AuthError::validation(
                "InvalidParameterException",
                "The input must be an object.",
                "Pass an object such as { username, password }.",
            )),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.0.and_then(|m| m.get(key)).filter(|v| !v.is_null())
    }

    /// A required, non-empty string; `code`/`message` as Amplify's validation errors.
    fn required(&self, key: &str, code: &str, message: &str) -> Result<&'a str, AuthError> {
        match self.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s),
            Some(Value::String(_)) | None => Err(AuthError::validation(
                code,
                message,
                &format!("Pass a non-empty {key}."),
            )),
            Some(_) => Err(AuthError::validation(
                "InvalidParameterException",
                &format!("{key} must be a string."),
                &format!("Pass {key} as a string."),
            )),
        }
    }

    fn opt_str(&self, key: &str) -> Result<Option<&'a str>, AuthError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(_) => Err(AuthError::validation(
                "InvalidParameterException",
                &format!("{key} must be a string."),
                &format!("Pass {key} as a string."),
            )),
        }
    }

    fn options(&self) -> Result<Input<'a>, AuthError> {
        match self.get("options") {
            None => Ok(Input(None)),
            Some(Value::Object(m)) => Ok(Input(Some(m))),
            Some(_) => Err(AuthError::validation(
                "InvalidParameterException",
                "options must be an object.",
                "Pass options as an object.",
            )),
        }
    }

    /// A `{ name: "value" }` map (userAttributes, clientMetadata, …).
    fn string_map(&self, key: &str) -> Result<Option<&'a Map<String, Value>>, AuthError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Object(m)) if m.values().all(Value::is_string) => Ok(Some(m)),
            Some(_) => Err(AuthError::validation(
                "InvalidParameterException",
                &format!("{key} must be an object whose values are strings."),
                &format!("Pass {key} as {{ name: \"value\" }}."),
            )),
        }
    }
}

fn name_value_list(m: &Map<String, Value>) -> Value {
    Value::Array(
        m.iter()
            .map(|(k, v)| json!({ "Name": k, "Value": v }))
            .collect(),
    )
}

fn code_delivery(d: Option<&Value>) -> Value {
    let get = |k: &str| d.and_then(|d| d.get(k)).cloned().unwrap_or(Value::Null);
    json!({
        "destination": get("Destination"),
        "deliveryMedium": get("DeliveryMedium"),
        "attributeName": get("AttributeName"),
    })
}

fn signed_in_done() -> Value {
    json!({ "isSignedIn": true, "nextStep": { "signInStep": "DONE" } })
}

fn next_step(step: &str) -> Value {
    json!({ "isSignedIn": false, "nextStep": { "signInStep": step } })
}

/// As Amplify: these two errors are next steps, not failures.
fn map_sign_in_errors(result: Result<Value, AuthError>) -> Result<Value, AuthError> {
    match result {
        Err(e) if e.name == "UserNotConfirmedException" => Ok(next_step("CONFIRM_SIGN_UP")),
        Err(e) if e.name == "PasswordResetRequiredException" => Ok(next_step("RESET_PASSWORD")),
        r => r,
    }
}

/// Errors that mean the refresh token is dead, so the session must go.
fn session_is_dead(e: &AuthError) -> bool {
    [
        "NotAuthorizedException",
        "TokenRevokedException",
        "UserNotFoundException",
        "PasswordResetRequiredException",
        "UserNotConfirmedException",
        "RefreshTokenReuseException",
    ]
    .iter()
    .any(|n| e.name.starts_with(n))
}

impl<E: Env> Auth<E> {
    pub fn new(env: E) -> Self {
        Self {
            env,
            config: RefCell::new(None),
            pending: RefCell::new(None),
            generation: Cell::new(0),
            refresh_gate: RefreshGate::default(),
        }
    }

    fn bump_generation(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
    }

    pub fn env(&self) -> &E {
        &self.env
    }

    /// Applies a configuration at once; returns the normalised v6 object.
    pub fn configure(&self, raw: &Value) -> Result<Value, AuthError> {
        let cfg = config::parse(raw)?;
        let out = cfg.normalised.clone();
        *self.config.borrow_mut() = Some(cfg);
        *self.pending.borrow_mut() = None;
        self.bump_generation();
        Ok(out)
    }

    pub fn get_config(&self) -> Value {
        self.config
            .borrow()
            .as_ref()
            .map(|c| c.normalised.clone())
            .unwrap_or_else(|| json!({}))
    }

    fn cfg(&self) -> Result<CognitoConfig, AuthError> {
        self.config.borrow().clone().ok_or_else(|| {
            AuthError::new("AuthUserPoolException", "Auth UserPool not configured.").with_recovery(
                "Call configure() in your app with userPoolId and userPoolClientId before using Auth.",
            )
        })
    }

    async fn call(
        &self,
        cfg: &CognitoConfig,
        op: &str,
        body: Value,
    ) -> Result<Map<String, Value>, AuthError> {
        let resp = self.env.send(protocol::request(cfg, op, &body)).await?;
        protocol::parse_response(&resp)
    }

    // ---- sign-up ----

    pub async fn sign_up(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptySignUpUsername",
            "username is required to signUp",
        )?;
        let password = i.opt_str("password")?;
        let o = i.options()?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username });
        if let Some(p) = password.filter(|p| !p.is_empty()) {
            body["Password"] = p.into();
        }
        if let Some(a) = o.string_map("userAttributes")? {
            body["UserAttributes"] = name_value_list(a);
        }
        if let Some(v) = o.string_map("validationData")? {
            body["ValidationData"] = name_value_list(v);
        }
        if let Some(m) = o.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        let r = self.call(&cfg, "SignUp", body).await?;
        let user_id = r.get("UserSub").cloned().unwrap_or(Value::Null);
        if r.get("UserConfirmed").and_then(Value::as_bool) == Some(true) {
            return Ok(
                json!({ "isSignUpComplete": true, "userId": user_id, "nextStep": { "signUpStep": "DONE" } }),
            );
        }
        Ok(json!({
            "isSignUpComplete": false,
            "userId": user_id,
            "nextStep": { "signUpStep": "CONFIRM_SIGN_UP", "codeDeliveryDetails": code_delivery(r.get("CodeDeliveryDetails")) },
        }))
    }

    pub async fn confirm_sign_up(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptyConfirmSignUpUsername",
            "username is required to confirmSignUp",
        )?;
        let code = i.required(
            "confirmationCode",
            "EmptyConfirmSignUpCode",
            "code is required to confirmSignUp",
        )?;
        let o = i.options()?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username, "ConfirmationCode": code });
        if let Some(m) = o.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        if let Some(Value::Bool(f)) = o.get("forceAliasCreation") {
            body["ForceAliasCreation"] = (*f).into();
        }
        self.call(&cfg, "ConfirmSignUp", body).await?;
        Ok(json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "DONE" } }))
    }

    pub async fn resend_sign_up_code(&self, input: &Value) -> Result<Value, AuthError> {
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptySignUpUsername",
            "username is required to signUp",
        )?;
        let cfg = self.cfg()?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username });
        if let Some(m) = i.options()?.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        let r = self.call(&cfg, "ResendConfirmationCode", body).await?;
        Ok(code_delivery(r.get("CodeDeliveryDetails")))
    }

    // ---- sign-in ----

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
        if password.is_empty() && matches!(flow, "USER_SRP_AUTH" | "USER_PASSWORD_AUTH") {
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
        *self.pending.borrow_mut() = None;
        let result = match flow {
            "USER_SRP_AUTH" => self.sign_in_srp(&cfg, username, password, metadata).await,
            "USER_PASSWORD_AUTH" => {
                self.sign_in_password(&cfg, username, password, metadata)
                    .await
            }
            other => Err(AuthError::validation(
                "InvalidParameterException",
                &format!("authFlowType {other} is not supported here."),
                "Use USER_SRP_AUTH (the default) or USER_PASSWORD_AUTH.",
            )),
        };
        map_sign_in_errors(result)
    }

    async fn sign_in_srp(
        &self,
        cfg: &CognitoConfig,
        username: &str,
        password: &str,
        metadata: Option<Value>,
    ) -> Result<Value, AuthError> {
        let mut random = Zeroizing::new([0u8; A_RANDOM_BYTES]);
        self.env.fill_random(&mut random[..])?;
        let srp = SrpClient::new(&random)?;
        let mut body = json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": cfg.user_pool_client_id,
            "AuthParameters": { "USERNAME": username, "SRP_A": srp.public_hex() },
        });
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let r = self.call(cfg, "InitiateAuth", body).await?;
        if str_of(&r, "ChallengeName") != Some("PASSWORD_VERIFIER") {
            return Err(AuthError::bad_reply(
                "USER_SRP_AUTH did not answer with PASSWORD_VERIFIER",
            ));
        }
        let p = challenge_params(&r)?;
        let param = |k: &str| {
            str_of(&p, k)
                .ok_or_else(|| AuthError::bad_reply(&format!("ChallengeParameters.{k} is missing")))
        };
        let user_id = param("USER_ID_FOR_SRP")?;
        let active_username = str_of(&p, "USERNAME").unwrap_or(username).to_string();
        let claim = srp.password_claim(
            &cfg.user_pool_id,
            user_id,
            password,
            param("SALT")?,
            param("SRP_B")?,
            param("SECRET_BLOCK")?,
            self.env.now_ms(),
        )?;
        let mut body = json!({
            "ChallengeName": "PASSWORD_VERIFIER",
            "ClientId": cfg.user_pool_client_id,
            "ChallengeResponses": {
                "USERNAME": user_id,
                "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
                "TIMESTAMP": claim.timestamp,
                "PASSWORD_CLAIM_SIGNATURE": claim.signature,
            },
        });
        if let Some(s) = str_of(&r, "Session") {
            body["Session"] = s.into();
        }
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let r = self.call(cfg, "RespondToAuthChallenge", body).await?;
        self.handle_auth_reply(
            cfg,
            &r,
            &active_username,
            username,
            "USER_SRP_AUTH",
            metadata,
        )
        .await
    }

    async fn sign_in_password(
        &self,
        cfg: &CognitoConfig,
        username: &str,
        password: &str,
        metadata: Option<Value>,
    ) -> Result<Value, AuthError> {
        let mut body = json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": cfg.user_pool_client_id,
            "AuthParameters": { "USERNAME": username, "PASSWORD": password },
        });
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let r = self.call(cfg, "InitiateAuth", body).await?;
        let p = challenge_params(&r)?;
        let active = str_of(&p, "USERNAME")
            .or_else(|| str_of(&p, "USER_ID_FOR_SRP"))
            .unwrap_or(username)
            .to_string();
        self.handle_auth_reply(cfg, &r, &active, username, "USER_PASSWORD_AUTH", metadata)
            .await
    }

    /// Stores tokens on success, or records the next challenge for `confirmSignIn`.
    async fn handle_auth_reply(
        &self,
        cfg: &CognitoConfig,
        r: &Map<String, Value>,
        active_username: &str,
        login_id: &str,
        auth_flow: &str,
        metadata: Option<Value>,
    ) -> Result<Value, AuthError> {
        if let Some(Value::Object(result)) = r.get("AuthenticationResult") {
            let details = json!({ "loginId": login_id, "authFlowType": auth_flow });
            let s = Session::from_result(
                active_username,
                result,
                None,
                Some(details),
                self.env.now_ms(),
            )?;
            self.bump_generation();
            session::store(&self.env, &cfg.user_pool_client_id, &s).await?;
            *self.pending.borrow_mut() = None;
            return Ok(signed_in_done());
        }
        let Some(challenge) = str_of(r, "ChallengeName") else {
            return Err(AuthError::bad_reply(
                "neither AuthenticationResult nor ChallengeName was returned",
            ));
        };
        let p = challenge_params(r)?;
        let username = str_of(&p, "USERNAME")
            .unwrap_or(active_username)
            .to_string();
        let step = match challenge {
            "NEW_PASSWORD_REQUIRED" => {
                let missing: Vec<Value> = str_of(&p, "requiredAttributes")
                    .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| a.trim_start_matches("userAttributes.").to_string().into())
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
                let allowed: Vec<Value> = str_of(&p, "MFAS_CAN_CHOOSE")
                    .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|m| match m.as_str() {
                        "SMS_MFA" => Some("SMS".into()),
                        "SOFTWARE_TOKEN_MFA" => Some("TOTP".into()),
                        "EMAIL_OTP" => Some("EMAIL".into()),
                        _ => None,
                    })
                    .collect();
                json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", "allowedMFATypes": allowed })
            }
            other => {
                return Err(AuthError::new(
                    "SignInException",
                    format!("An error occurred during the sign in process. {other} challengeName returned by the underlying service was not addressed."),
                )
                .with_recovery("This challenge is not supported yet by cognito-wasm."))
            }
        };
        *self.pending.borrow_mut() = Some(Pending {
            challenge: challenge.to_string(),
            session: str_of(r, "Session").map(str::to_string),
            username,
            login_id: login_id.to_string(),
            auth_flow: auth_flow.to_string(),
            client_metadata: metadata,
        });
        Ok(json!({ "isSignedIn": false, "nextStep": step }))
    }

    /// Answers the pending challenge (`challengeResponse` as in Amplify).
    pub async fn confirm_sign_in(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let answer = i.required(
            "challengeResponse",
            "EmptyChallengeResponse",
            "challengeResponse is required to confirmSignIn",
        )?;
        let Some(p) = self.pending.borrow().clone() else {
            return Err(AuthError::new(
                "SignInException",
                "Make sure a successful call to signIn is made before calling confirmSignIn and that the session has not expired.",
            )
            .with_recovery("Call signIn first; a pending challenge expires after 3 minutes."));
        };
        let o = i.options()?;
        let mut responses = json!({ "USERNAME": p.username });
        match p.challenge.as_str() {
            "NEW_PASSWORD_REQUIRED" => {
                responses["NEW_PASSWORD"] = answer.into();
                if let Some(attrs) = o.string_map("userAttributes")? {
                    for (k, v) in attrs {
                        responses[format!("userAttributes.{k}")] = v.clone();
                    }
                }
            }
            "SMS_MFA" => responses["SMS_MFA_CODE"] = answer.into(),
            "SMS_OTP" => responses["SMS_OTP_CODE"] = answer.into(),
            "EMAIL_OTP" => responses["EMAIL_OTP_CODE"] = answer.into(),
            "SOFTWARE_TOKEN_MFA" => responses["SOFTWARE_TOKEN_MFA_CODE"] = answer.into(),
            "CUSTOM_CHALLENGE" => responses["ANSWER"] = answer.into(),
            "SELECT_MFA_TYPE" => {
                responses["ANSWER"] = match answer {
                    "SMS" => "SMS_MFA",
                    "TOTP" => "SOFTWARE_TOKEN_MFA",
                    "EMAIL" => "EMAIL_OTP",
                    _ => {
                        return Err(AuthError::validation(
                            "IncorrectMFAMethod",
                            "The MFA method must be one of SMS, TOTP or EMAIL.",
                            "Pass one of the allowedMFATypes.",
                        ))
                    }
                }
                .into()
            }
            _ => unreachable!("only supported challenges are stored"),
        }
        let mut body = json!({ "ChallengeName": p.challenge, "ClientId": cfg.user_pool_client_id, "ChallengeResponses": responses });
        if let Some(s) = &p.session {
            body["Session"] = s.clone().into();
        }
        let metadata = o
            .string_map("clientMetadata")?
            .map(|m| Value::Object(m.clone()))
            .or(p.client_metadata.clone());
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let result = match self.call(&cfg, "RespondToAuthChallenge", body).await {
            Ok(r) => {
                self.handle_auth_reply(&cfg, &r, &p.username, &p.login_id, &p.auth_flow, metadata)
                    .await
            }
            Err(e) => Err(e),
        };
        map_sign_in_errors(result)
    }

    // ---- session ----

    /// The stored session, refreshed when expired or when `force` is set.
    /// A dead refresh token clears it; any other failure keeps it and is reported.
    async fn current_session(
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
        let Some(refresh) = s.refresh_token.clone() else {
            return Err(AuthError::new(
                "TokenRefreshException",
                "The session has expired and there is no refresh token.",
            )
            .with_recovery("Sign in again."));
        };
        let _guard = self.refresh_gate.enter();
        let generation = self.generation.get();
        let outcome = self.refresh(cfg, &refresh).await;
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
                Ok(Some(fresh))
            }
            Err(e) if session_is_dead(&e) => {
                session::clear(&self.env, client).await?;
                if e.name.starts_with("NotAuthorizedException") {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
            Err(e) => Err(e),
        }
    }

    async fn refresh(
        &self,
        cfg: &CognitoConfig,
        refresh: &str,
    ) -> Result<Map<String, Value>, AuthError> {
        let body = json!({ "ClientId": cfg.user_pool_client_id, "RefreshToken": refresh });
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
                let body = json!({
                    "AuthFlow": "REFRESH_TOKEN_AUTH",
                    "ClientId": cfg.user_pool_client_id,
                    "AuthParameters": { "REFRESH_TOKEN": refresh },
                });
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
            return Ok(json!({}));
        };
        let mut tokens = json!({ "accessToken": s.access_token });
        if let Some(t) = &s.id_token {
            tokens["idToken"] = t.clone().into();
        }
        if let Some(d) = &s.sign_in_details {
            tokens["signInDetails"] = d.clone();
        }
        Ok(json!({ "tokens": tokens, "userSub": s.user_sub() }))
    }

    pub async fn get_current_user(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let s = self
            .current_session(&cfg, false)
            .await?
            .ok_or_else(AuthError::not_signed_in)?;
        // Amplify reads the id token; fall back to the access token's claims.
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
        Ok(out)
    }

    /// Signs out locally (revoking the refresh token) or everywhere (`global`).
    /// Storage is cleared even when the server cannot be reached, as Amplify does;
    /// the revocation error is returned as `revokeError` for the caller to report.
    pub async fn sign_out(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let global = matches!(i.get("global"), Some(Value::Bool(true)));
        *self.pending.borrow_mut() = None;
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
        session::clear(&self.env, &cfg.user_pool_client_id).await?;
        Ok(match failure {
            Some(e) => json!({ "revokeError": e.to_json() }),
            None => json!({}),
        })
    }
}
