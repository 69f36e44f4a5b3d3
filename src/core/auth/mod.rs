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

use sign_in::Pending;

/// A sign-up that asked for `autoSignIn`: kept in memory only, for 3 minutes.
struct AutoSignIn {
    username: String,
    password: Zeroizing<String>,
    /// The `signIn` options to use (`authFlowType`, `clientMetadata`, `preferredChallenge`).
    options: Value,
    /// ConfirmSignUp's session, which USER_AUTH can continue without the password.
    session: Option<String>,
    /// True once the account is confirmed and `autoSignIn()` may run.
    armed: bool,
    expiry_ms: f64,
}

pub struct Auth<E: Env> {
    env: E,
    config: RefCell<Option<CognitoConfig>>,
    pending: RefCell<Option<Pending>>,
    auto: RefCell<Option<AutoSignIn>>,
    /// `a` and `A` computed ahead of the next sign-in (see `prepare_sign_in`).
    prepared_srp: RefCell<Option<SrpClient>>,
    /// AWS credentials from the identity pool, for the current principal.
    credentials: RefCell<Option<credentials::CachedCredentials>>,
    /// Set by a re-configure: the tab's stored challenge belongs to the old config.
    discard_stored_pending: Cell<bool>,
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

    /// Copies `clientMetadata` from these options into a request body as `ClientMetadata`.
    fn add_client_metadata(&self, body: &mut Value) -> Result<(), AuthError> {
        if let Some(m) = self.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        Ok(())
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

/// Attempts per request, as Amplify.
const MAX_ATTEMPTS: u32 = 3;

/// Transient failures worth another try: no reply, throttling, server errors.
fn is_retryable(e: &AuthError) -> bool {
    crate::flows::session::is_retryable(e)
}

/// Cognito no longer knows the remembered device: forget it and try again without.
fn is_stale_device(e: &AuthError) -> bool {
    e.name == "ResourceNotFoundException" && e.message.contains("Device does not exist")
}

/// Errors that mean the refresh token is dead, so the session must go (only a 4xx
/// says so: a 5xx is the service failing, whatever its body claims).
fn session_is_dead(e: &AuthError) -> bool {
    crate::flows::session::ends_session(e)
}

impl<E: Env> Auth<E> {
    pub fn new(env: E) -> Self {
        Self {
            env,
            config: RefCell::new(None),
            pending: RefCell::new(None),
            auto: RefCell::new(None),
            prepared_srp: RefCell::new(None),
            credentials: RefCell::new(None),
            discard_stored_pending: Cell::new(false),
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
        // The same config again (React StrictMode, HMR, a second import) changes
        // nothing: a pending challenge and a refresh in flight stay valid.
        if self
            .config
            .borrow()
            .as_ref()
            .is_some_and(|c| c.normalised == out)
        {
            return Ok(out);
        }
        // The first configure after a load may resume the tab's pending challenge; a
        // later one (a different pool or client) must not.
        let reconfigure = self.config.borrow_mut().replace(cfg).is_some();
        self.discard_stored_pending.set(reconfigure);
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
        self.send_with_retries(protocol::request(cfg, op, &body))
            .await
    }

    /// Sends a request, retrying transient failures (3 attempts, back-off with jitter).
    async fn send_with_retries(
        &self,
        req: crate::core::env::HttpRequest,
    ) -> Result<Map<String, Value>, AuthError> {
        let mut attempt = 1;
        loop {
            let result = match self.env.send(req.clone()).await {
                Ok(resp) => protocol::parse_response(&resp),
                Err(e) => Err(e),
            };
            match result {
                Err(e) if attempt < MAX_ATTEMPTS && is_retryable(&e) => {
                    // Exponential back-off with jitter: 200–300 ms, then 400–500 ms.
                    let mut jitter = [0u8; 1];
                    let _ = self.env.fill_random(&mut jitter);
                    let delay = (100u32 << attempt) + u32::from(jitter[0]) * 100 / 255;
                    self.env.sleep(delay).await;
                    attempt += 1;
                }
                Err(mut e) => {
                    if attempt > 1 && e.name == "NetworkError" {
                        e.message = format!("{} ({attempt} attempts)", e.message);
                    }
                    return Err(e);
                }
                ok => return ok,
            }
        }
    }
}

mod account;
mod credentials;
mod devices;
mod redirect;
mod session_ops;
mod sign_in;
mod sign_up;
