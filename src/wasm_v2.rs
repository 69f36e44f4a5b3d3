//! The typed core's wasm facade (feature `engine-v2`): the password sign-in state
//! machine behind a handle, steps and errors as JSON text. Sync: the JavaScript
//! driver does fetch, storage and waiting. Not shipped yet; built by
//! bench/v2-size.mjs to measure what the typed core costs a page.
#![allow(unsafe_code)] // wasm-bindgen's generated glue

use crate::codec::json::{self, Obj};
use crate::core::env::HttpResponse;
use crate::core::error::AuthError;
use crate::core::srp::SrpClient;
use crate::flows::sign_in::{PasswordFlow, PasswordSignIn, Step};
use wasm_bindgen::prelude::*;

fn error_json(e: &AuthError) -> String {
    let mut meta = Obj::new();
    if let Some(s) = e.http_status_code {
        meta = meta.num("httpStatusCode", f64::from(s));
    }
    Obj::new()
        .str("name", &e.name)
        .str("message", &e.message)
        .opt_str("recoverySuggestion", e.recovery_suggestion.as_deref())
        .raw(
            "metadata",
            &meta.opt_str("requestId", e.request_id.as_deref()).end(),
        )
        .end()
}

fn step_json(step: Result<Step, AuthError>) -> Result<String, JsValue> {
    let s = match step.map_err(|e| JsValue::from_str(&error_json(&e)))? {
        Step::Send(r) => Obj::new()
            .raw(
                "send",
                &Obj::new()
                    .str("target", r.target)
                    .str("body", &r.body)
                    .end(),
            )
            .end(),
        Step::LoadDevice(u) => Obj::new().str("loadDevice", &u).end(),
        Step::ForgetDevice(u) => Obj::new().str("forgetDevice", &u).end(),
        Step::Done(d) => Obj::new()
            .raw(
                "done",
                &Obj::new()
                    .str("username", &d.username)
                    .str("accessToken", &d.result.access_token)
                    .opt_str("idToken", d.result.id_token.as_deref())
                    .opt_str("refreshToken", d.result.refresh_token.as_deref())
                    .bool("newDevice", d.result.new_device.is_some())
                    .end(),
            )
            .end(),
        Step::Challenge(c) => {
            let params = Obj::strings(c.parameters.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            Obj::new()
                .raw(
                    "challenge",
                    &Obj::new()
                        .str("name", &c.name)
                        .opt_str("session", c.session.as_deref())
                        .raw("parameters", &params.end())
                        .end(),
                )
                .end()
        }
    };
    Ok(s)
}

/// One password sign-in (see `flows::sign_in`).
#[wasm_bindgen]
pub struct SignIn(PasswordSignIn);

#[wasm_bindgen]
impl SignIn {
    /// `flow`: 0 SRP, 1 CUSTOM_WITH_SRP, 2 USER_PASSWORD_AUTH. `random`: 32 bytes for `a`.
    #[wasm_bindgen(constructor)]
    pub fn new(
        flow: u8,
        user_pool_id: &str,
        client_id: &str,
        username: &str,
        password: &str,
        random: &[u8],
    ) -> Result<SignIn, JsValue> {
        let kind = match flow {
            0 => PasswordFlow::Srp,
            1 => PasswordFlow::CustomWithSrp,
            _ => PasswordFlow::Password,
        };
        let srp = match kind {
            PasswordFlow::Password => None,
            _ => Some(SrpClient::new(random).map_err(|e| JsValue::from_str(&error_json(&e)))?),
        };
        Ok(SignIn(PasswordSignIn::new(
            kind,
            user_pool_id,
            client_id,
            username,
            password,
            None,
            srp,
        )))
    }

    pub fn start(&mut self) -> Result<String, JsValue> {
        step_json(self.0.start())
    }

    #[wasm_bindgen(js_name = withDevice)]
    pub fn with_device(
        &mut self,
        device_key: Option<String>,
        now_ms: f64,
    ) -> Result<String, JsValue> {
        step_json(self.0.with_device(device_key, now_ms))
    }

    /// The HTTP reply to the last request (`status` 0: no reply, `body` then names the failure).
    #[wasm_bindgen(js_name = onReply)]
    pub fn on_reply(
        &mut self,
        status: u16,
        request_id: Option<String>,
        error_type: Option<String>,
        body: String,
    ) -> Result<String, JsValue> {
        let reply = if status == 0 {
            Err(AuthError::network(body))
        } else {
            crate::wire::reply(&HttpResponse {
                status,
                request_id,
                error_type,
                body,
            })
        };
        step_json(self.0.on_reply(reply))
    }

    pub fn resume(&mut self) -> Result<String, JsValue> {
        step_json(self.0.resume())
    }
}

/// Payload claims of a JWT, checked to be a JSON object (as text).
#[wasm_bindgen(js_name = jwtPayload)]
pub fn jwt_payload(token: &str) -> Option<String> {
    let payload = token.split('.').nth(1)?;
    let bytes = crate::core::b64::decode_url(payload)?;
    let v = json::parse_bytes(&bytes)?;
    v.is_object().then(|| {
        let mut out = String::new();
        json::write(&v, &mut out);
        out
    })
}
