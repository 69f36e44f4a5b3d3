//! The typed core's wasm facade (feature `engine-v2`): what the package's JavaScript
//! driver (`pkg-template/driver.js`) calls for the sign-in, session, refresh and
//! sign-out of an app with a user pool only. Synchronous: the driver does fetch,
//! storage, locks, waiting and events. Values cross as JSON text; errors as the
//! JSON of an `AuthError`. Secrets stay in the flows' memory between steps.
#![allow(unsafe_code)] // wasm-bindgen's generated glue

use crate::codec::json::{self, Json, Obj};
use crate::core::env::HttpResponse;
use crate::core::error::AuthError;
use crate::core::srp::SrpClient;
use crate::flows::refresh::{Refresh as RefreshFlow, RefreshStep};
use crate::flows::session::{self, Session};
use crate::flows::sign_in::{PasswordFlow, PasswordSignIn, Step};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{self as up, AuthResult, Pairs};
use crate::wire::Request;
use wasm_bindgen::prelude::*;

fn error_json(e: &AuthError) -> String {
    let mut meta = Obj::new();
    if let Some(s) = e.http_status_code {
        meta = meta.num("httpStatusCode", f64::from(s));
    }
    let meta = meta.opt_str("requestId", e.request_id.as_deref()).end();
    let mut o = Obj::new()
        .str("name", &e.name)
        .str("message", &e.message)
        .opt_str("recoverySuggestion", e.recovery_suggestion.as_deref());
    if meta != "{}" {
        o = o.raw("metadata", &meta);
    }
    o.end()
}

fn js_error(e: AuthError) -> JsValue {
    JsValue::from_str(&error_json(&e))
}

fn request_json(r: &Request) -> String {
    Obj::new()
        .str("target", r.target)
        .str("body", &r.body)
        .end()
}

fn response(
    status: u16,
    request_id: Option<String>,
    error_type: Option<String>,
    body: String,
) -> HttpResponse {
    HttpResponse {
        status,
        request_id,
        error_type,
        body,
    }
}

/// `{ "k": "v" }` text as pairs (clientMetadata); `None` for anything else.
fn pairs(text: Option<String>) -> Option<Pairs> {
    let v = json::parse(&text?)?;
    Some(
        v.members()
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect(),
    )
}

/// The SRP state of the next sign-in, made ahead of time (`A = g^a` is the slow part).
#[wasm_bindgen]
pub struct Srp(SrpClient);

#[wasm_bindgen]
impl Srp {
    /// From 32 random bytes.
    #[wasm_bindgen(constructor)]
    pub fn new(random: &[u8]) -> Result<Srp, JsValue> {
        SrpClient::new(random).map(Srp).map_err(js_error)
    }
}

fn step_json(step: Result<Step, AuthError>) -> Result<String, JsValue> {
    Ok(match step.map_err(js_error)? {
        Step::Send(r) => Obj::new().raw("send", &request_json(&r)).end(),
        Step::LoadDevice(u) => Obj::new().str("loadDevice", &u).end(),
        Step::ForgetDevice(u) => Obj::new().str("forgetDevice", &u).end(),
        Step::Done(d) => Obj::new()
            .raw(
                "done",
                &Obj::new()
                    .str("username", &d.username)
                    .bool("newDevice", d.result.new_device.is_some())
                    .raw("tokens", &tokens_json(&d.result))
                    .end(),
            )
            .end(),
        Step::Challenge(c) => Obj::new().str("challenge", &c.name).end(),
    })
}

fn tokens_json(r: &AuthResult) -> String {
    Obj::new()
        .str("accessToken", &r.access_token)
        .opt_str("idToken", r.id_token.as_deref())
        .opt_str("refreshToken", r.refresh_token.as_deref())
        .end()
}

/// One password sign-in (see `flows::sign_in`).
#[wasm_bindgen]
pub struct SignIn {
    flow: PasswordSignIn,
}

#[wasm_bindgen]
impl SignIn {
    /// `flow`: `USER_SRP_AUTH`, `CUSTOM_WITH_SRP` or `USER_PASSWORD_AUTH`.
    /// `srp`: prepared ahead of time, else made from `random` (32 bytes).
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        flow: &str,
        user_pool_id: &str,
        client_id: &str,
        username: &str,
        password: &str,
        client_metadata: Option<String>,
        srp: Option<Srp>,
        random: &[u8],
    ) -> Result<SignIn, JsValue> {
        let kind = match flow {
            "USER_PASSWORD_AUTH" => PasswordFlow::Password,
            "CUSTOM_WITH_SRP" => PasswordFlow::CustomWithSrp,
            _ => PasswordFlow::Srp,
        };
        let srp = match (kind, srp) {
            (PasswordFlow::Password, _) => None,
            (_, Some(s)) => Some(s.0),
            (_, None) => Some(SrpClient::new(random).map_err(js_error)?),
        };
        Ok(SignIn {
            flow: PasswordSignIn::new(
                kind,
                user_pool_id,
                client_id,
                username,
                password,
                pairs(client_metadata),
                srp,
            ),
        })
    }

    pub fn start(&mut self) -> Result<String, JsValue> {
        step_json(self.flow.start())
    }

    #[wasm_bindgen(js_name = withDevice)]
    pub fn with_device(
        &mut self,
        device_key: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsValue> {
        step_json(self.flow.with_device(device_key, now_ms))
    }

    /// The HTTP reply to the last request.
    #[wasm_bindgen(js_name = onReply)]
    pub fn on_reply(
        &mut self,
        status: u16,
        request_id: Option<String>,
        error_type: Option<String>,
        body: String,
    ) -> Result<String, JsValue> {
        let reply = crate::wire::reply(&response(status, request_id, error_type, body));
        step_json(self.flow.on_reply(reply))
    }

    /// After `forgetDevice`: the same request again, without the device.
    pub fn resume(&mut self) -> Result<String, JsValue> {
        step_json(self.flow.resume())
    }

    /// Cognito's name for the user so far (the engine continues under it).
    #[wasm_bindgen(getter)]
    pub fn username(&self) -> String {
        self.flow.username().into()
    }
}

/// A refresh with one refresh token (see `flows::refresh`).
#[wasm_bindgen]
pub struct Refresh(RefreshFlow);

fn refresh_step(s: Result<RefreshStep, AuthError>) -> Result<String, JsValue> {
    Ok(match s.map_err(js_error)? {
        RefreshStep::Send(r) => Obj::new().raw("send", &request_json(&r)).end(),
        RefreshStep::Done(t) => Obj::new().raw("done", &tokens_json(&t)).end(),
    })
}

#[wasm_bindgen]
impl Refresh {
    #[wasm_bindgen(constructor)]
    pub fn new(client_id: &str, refresh_token: &str, device_key: Option<String>) -> Refresh {
        Refresh(RefreshFlow::new(
            client_id,
            refresh_token,
            device_key.as_deref(),
        ))
    }

    pub fn start(&self) -> Result<String, JsValue> {
        refresh_step(Ok(self.0.start()))
    }

    #[wasm_bindgen(js_name = onReply)]
    pub fn on_reply(
        &mut self,
        status: u16,
        request_id: Option<String>,
        error_type: Option<String>,
        body: String,
    ) -> Result<String, JsValue> {
        let reply = crate::wire::reply(&response(status, request_id, error_type, body));
        refresh_step(self.0.on_reply(reply))
    }
}

/// A reply's verdict: `{}` for a success, else the error it carries (as JSON), so the
/// driver can decide on a retry before the flow reads it.
#[wasm_bindgen(js_name = replyError)]
pub fn reply_error(
    status: u16,
    request_id: Option<String>,
    error_type: Option<String>,
    body: String,
) -> Option<String> {
    crate::wire::reply(&response(status, request_id, error_type, body))
        .err()
        .map(|e| error_json(&e))
}

fn named(name: &str, status: Option<u16>) -> AuthError {
    let mut e = AuthError::new(name, "");
    e.http_status_code = status;
    e
}

/// Whether an error is worth another try (no reply, throttling, a 5xx).
#[wasm_bindgen(js_name = isRetryable)]
pub fn is_retryable(name: &str, status: Option<u16>) -> bool {
    session::is_retryable(&named(name, status))
}

/// Whether an answer to a refresh means the session is dead.
#[wasm_bindgen(js_name = endsSession)]
pub fn ends_session(name: &str, status: Option<u16>) -> bool {
    session::ends_session(&named(name, status))
}

fn view_json(s: &Session, now_ms: f64) -> String {
    let (username, user_id) = s.user();
    let mut o = Obj::new()
        .str("lastAuthUser", &s.username)
        .str("accessToken", &s.access_token)
        .opt_str("idToken", s.id_token.as_deref())
        .opt_str("refreshToken", s.refresh_token.as_deref())
        .bool("expired", s.is_expired(now_ms))
        .opt_str("sub", s.user_sub())
        .opt_str("username", username)
        .opt_str("userId", user_id)
        .bool("revocable", s.revocable());
    if let Some(d) = s.sign_in_details.as_deref().and_then(json::parse) {
        o = o.value("signInDetails", &d);
    }
    o.end()
}

/// The session stored for `username` (the `LastAuthUser`), as the driver read its
/// keys (`Session::KEYS_READ` order, then signInDetails), judged at `now_ms`; `None`
/// when that is no session (reads as signed out).
#[wasm_bindgen(js_name = sessionView)]
#[allow(clippy::too_many_arguments)]
pub fn session_view(
    username: &str,
    access: Option<String>,
    id: Option<String>,
    refresh: Option<String>,
    drift: Option<String>,
    sign_in_details: Option<String>,
    now_ms: f64,
) -> Option<String> {
    let s = Session::from_stored(username, [access, id, refresh, drift], sign_in_details)?;
    Some(view_json(&s, now_ms))
}

/// What storing new tokens writes (`[[key, value or null], …]`, in order) and the
/// session it makes: `{ writes, view }`.
#[wasm_bindgen(js_name = sessionWrites)]
#[allow(clippy::too_many_arguments)]
pub fn session_writes(
    client_id: &str,
    username: &str,
    access: String,
    id: Option<String>,
    refresh: Option<String>,
    previous_refresh: Option<String>,
    sign_in_details: Option<String>,
    now_ms: f64,
) -> Result<String, JsValue> {
    let result = AuthResult {
        access_token: access,
        id_token: id,
        refresh_token: refresh,
        new_device: None,
    };
    let s = Session::from_result(
        username,
        &result,
        previous_refresh.as_deref(),
        sign_in_details,
        now_ms,
    )
    .map_err(js_error)?;
    let mut writes = String::from("[");
    for (i, (k, v)) in s.writes(client_id).iter().enumerate() {
        if i > 0 {
            writes.push(',');
        }
        writes.push('[');
        json::write_str(k, &mut writes);
        writes.push(',');
        match v {
            Some(v) => json::write_str(v, &mut writes),
            None => writes.push_str("null"),
        }
        writes.push(']');
    }
    writes.push(']');
    Ok(Obj::new()
        .raw("writes", &writes)
        .raw("view", &view_json(&s, now_ms))
        .end())
}

/// The keys a sign-out removes for `username`, `LastAuthUser` last (JSON array).
#[wasm_bindgen(js_name = clearKeys)]
pub fn clear_keys(client_id: &str, username: &str) -> String {
    let items: Vec<Json> = session::clear_keys(client_id, username)
        .into_iter()
        .map(Json::Str)
        .collect();
    let mut out = String::new();
    json::write(&Json::Arr(items), &mut out);
    out
}

/// `RevokeToken` (local sign-out) or `GlobalSignOut` (`global`).
#[wasm_bindgen(js_name = signOutRequest)]
pub fn sign_out_request(
    client_id: &str,
    global: bool,
    access_token: &str,
    refresh_token: &str,
) -> String {
    request_json(&if global {
        up::global_sign_out(access_token)
    } else {
        up::revoke_token(client_id, refresh_token)
    })
}

/// The `X-Amz-User-Agent` this library sends.
#[wasm_bindgen(js_name = userAgent)]
pub fn user_agent() -> String {
    crate::core::protocol::USER_AGENT.into()
}

/// `SignUp` (maps as `{ "name": "value" }` JSON text).
#[wasm_bindgen(js_name = signUpRequest)]
pub fn sign_up_request(
    client_id: &str,
    username: &str,
    password: Option<String>,
    user_attributes: Option<String>,
    validation_data: Option<String>,
    client_metadata: Option<String>,
) -> String {
    let (attrs, validation, metadata) = (
        pairs(user_attributes),
        pairs(validation_data),
        pairs(client_metadata),
    );
    request_json(&up::sign_up(&up::SignUp {
        client_id,
        username,
        password: password.as_deref(),
        user_attributes: attrs.as_ref(),
        validation_data: validation.as_ref(),
        metadata: metadata.as_ref(),
    }))
}

/// `ConfirmSignUp`.
#[wasm_bindgen(js_name = confirmSignUpRequest)]
pub fn confirm_sign_up_request(
    client_id: &str,
    username: &str,
    code: &str,
    client_metadata: Option<String>,
    force_alias_creation: Option<bool>,
    session: Option<String>,
) -> String {
    request_json(&up::confirm_sign_up(
        client_id,
        username,
        code,
        pairs(client_metadata).as_ref(),
        force_alias_creation,
        session.as_deref(),
    ))
}

/// `ResendConfirmationCode`.
#[wasm_bindgen(js_name = resendCodeRequest)]
pub fn resend_code_request(
    client_id: &str,
    username: &str,
    client_metadata: Option<String>,
) -> String {
    request_json(&up::resend_confirmation_code(
        client_id,
        username,
        pairs(client_metadata).as_ref(),
    ))
}

/// A successful reply of the sign-up calls: `{ userSub, confirmed, session, codeDeliveryDetails }`.
#[wasm_bindgen(js_name = signUpReply)]
pub fn sign_up_reply(body: &str) -> String {
    let v = json::parse(body).unwrap_or(Json::Obj(Vec::new()));
    let r = up::sign_up_reply(&v);
    Obj::new()
        .opt_str("userSub", r.user_sub.as_deref())
        .bool("confirmed", r.confirmed)
        .opt_str("session", r.session.as_deref())
        .raw("codeDeliveryDetails", &r.delivery.to_json())
        .end()
}

// no_std: the allocator std would bring, and a panic that traps instead of
// formatting a message (no panic is expected; a trap is a clean error in JavaScript).
#[global_allocator]
static ALLOCATOR: dlmalloc::GlobalDlmalloc = dlmalloc::GlobalDlmalloc;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
