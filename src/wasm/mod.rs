//! The only code that touches JavaScript: the browser [`Env`] (fetch,
//! localStorage, `crypto.getRandomValues`, `Date.now`) and the exports the
//! TypeScript package calls. Values cross the boundary as JSON text, which keeps
//! this layer thin and the wasm small.

use crate::core::auth::Auth;
use crate::core::env::{Env, HttpRequest, HttpResponse};
use crate::core::error::AuthError;
use crate::core::jwt;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Browser environment. Falls back to memory when localStorage is unavailable
/// (private mode, sandboxed iframes), so the library keeps working there.
pub struct BrowserEnv {
    memory: RefCell<HashMap<String, String>>,
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn storage_error(what: &str) -> AuthError {
    AuthError::new(
        "StorageException",
        format!("Browser storage refused to {what} an item."),
    )
    .with_recovery("Free some storage space or allow site data for this page.")
}

impl Env for BrowserEnv {
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, AuthError> {
        let headers = web_sys::Headers::new()
            .map_err(|_| AuthError::network("Could not build request headers."))?;
        for (k, v) in &req.headers {
            headers
                .set(k, v)
                .map_err(|_| AuthError::network("Could not build request headers."))?;
        }
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(&req.body));
        init.set_mode(web_sys::RequestMode::Cors);
        let request = web_sys::Request::new_with_str_and_init(&req.url, &init).map_err(|_| {
            AuthError::network("The request could not be created; check userPoolEndpoint.")
        })?;
        let global = js_sys::global();
        let fetch = js_sys::Reflect::get(&global, &"fetch".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .ok_or_else(|| AuthError::network("fetch is not available in this environment."))?;
        let promise: js_sys::Promise = fetch
            .call1(&global, &request)
            .map_err(|_| AuthError::network("A network error has occurred."))?
            .unchecked_into();
        let resp: web_sys::Response = JsFuture::from(promise)
            .await
            .map_err(|_| AuthError::network("A network error has occurred."))?
            .unchecked_into();
        let h = resp.headers();
        let header = |n: &str| h.get(n).ok().flatten();
        let body = JsFuture::from(
            resp.text()
                .map_err(|_| AuthError::network("The response body could not be read."))?,
        )
        .await
        .map_err(|_| AuthError::network("The connection failed while reading the response."))?
        .as_string()
        .unwrap_or_default();
        Ok(HttpResponse {
            status: resp.status(),
            request_id: header("x-amzn-requestid")
                .or_else(|| header("x-amzn-request-id"))
                .or_else(|| header("x-amz-request-id")),
            error_type: header("x-amzn-errortype"),
            body,
        })
    }

    async fn get_item(&self, key: &str) -> Result<Option<String>, AuthError> {
        if let Some(s) = local_storage() {
            return s.get_item(key).map_err(|_| storage_error("read"));
        }
        Ok(self.memory.borrow().get(key).cloned())
    }

    async fn set_item(&self, key: &str, value: &str) -> Result<(), AuthError> {
        if let Some(s) = local_storage() {
            return s.set_item(key, value).map_err(|_| storage_error("write"));
        }
        self.memory.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }

    async fn remove_item(&self, key: &str) -> Result<(), AuthError> {
        if let Some(s) = local_storage() {
            return s.remove_item(key).map_err(|_| storage_error("remove"));
        }
        self.memory.borrow_mut().remove(key);
        Ok(())
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn fill_random(&self, buf: &mut [u8]) -> Result<(), AuthError> {
        let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())
            .ok()
            .and_then(|c| c.dyn_into::<web_sys::Crypto>().ok())
            .ok_or_else(|| {
                AuthError::new(
                    "CryptoUnavailableException",
                    "crypto.getRandomValues is not available.",
                )
                .with_recovery("Serve the page over https (or localhost) in a modern browser.")
            })?;
        crypto.get_random_values_with_u8_array(buf).map_err(|_| {
            AuthError::new(
                "CryptoUnavailableException",
                "crypto.getRandomValues failed.",
            )
        })?;
        Ok(())
    }
}

thread_local! {
    static AUTH: Rc<Auth<BrowserEnv>> = Rc::new(Auth::new(BrowserEnv { memory: RefCell::new(HashMap::new()) }));
}

fn auth() -> Rc<Auth<BrowserEnv>> {
    AUTH.with(Rc::clone)
}

/// Errors cross as JSON text; the TypeScript layer turns them into `AuthError`s.
fn err(e: AuthError) -> JsValue {
    JsValue::from_str(&e.to_json().to_string())
}

fn parse_input(input: &str) -> Result<serde_json::Value, JsValue> {
    if input.is_empty() {
        return Ok(serde_json::Value::Null);
    }
    serde_json::from_str(input).map_err(|_| {
        err(AuthError::validation(
            "InvalidParameterException",
            "The input could not be read as JSON.",
            "Pass plain objects with string values.",
        ))
    })
}

/// Applies a configuration synchronously; returns the normalised config as JSON.
#[wasm_bindgen]
pub fn configure(config: &str) -> Result<String, JsValue> {
    let raw = parse_input(config)?;
    auth().configure(&raw).map(|v| v.to_string()).map_err(err)
}

#[wasm_bindgen(js_name = getConfig)]
pub fn get_config() -> String {
    auth().get_config().to_string()
}

/// Payload claims of a JWT as JSON.
#[wasm_bindgen(js_name = decodeJwtPayload)]
pub fn decode_jwt_payload(token: &str) -> Result<String, JsValue> {
    jwt::decode_payload(token)
        .map(|m| serde_json::Value::Object(m).to_string())
        .map_err(err)
}

/// Runs one API call: `op` is the Amplify function name, `input` its argument as JSON.
/// Resolves to the result as JSON; rejects with the error as JSON.
#[wasm_bindgen]
pub fn call(op: String, input: String) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let a = auth();
        let input = parse_input(&input)?;
        let r = match op.as_str() {
            "signUp" => a.sign_up(&input).await,
            "confirmSignUp" => a.confirm_sign_up(&input).await,
            "resendSignUpCode" => a.resend_sign_up_code(&input).await,
            "signIn" => a.sign_in(&input).await,
            "confirmSignIn" => a.confirm_sign_in(&input).await,
            "signOut" => a.sign_out(&input).await,
            "getCurrentUser" => a.get_current_user().await,
            "fetchAuthSession" => a.fetch_auth_session(&input).await,
            _ => Err(AuthError::new(
                "UnknownOperation",
                format!("No such call: {op}."),
            )),
        };
        r.map(|v| JsValue::from_str(&v.to_string())).map_err(err)
    })
}
