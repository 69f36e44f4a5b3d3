//! The only code that touches JavaScript: the browser [`Env`] (fetch,
//! localStorage, `crypto.getRandomValues`, `Date.now`) and the exports the
//! TypeScript package calls. Values cross the boundary as JSON text, which keeps
//! this layer thin and the wasm small.

use crate::core::auth::Auth;
use crate::core::env::{Env, HttpRequest, HttpResponse};
use crate::core::error::AuthError;
use crate::core::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Browser environment. Token storage is whatever key-value store the package
/// layer installed on the host object (localStorage by default); the in-progress
/// sign-in lives in sessionStorage; both fall back to memory when unavailable.
pub struct BrowserEnv {
    // Small association lists: a BTreeMap per key type would add kilobytes of wasm.
    memory: RefCell<Vec<(String, String)>>,
    transient: RefCell<Vec<(String, String)>>,
    /// Release functions of held cross-tab locks, by handle.
    locks: RefCell<Vec<(u32, js_sys::Function)>>,
    next_lock: std::cell::Cell<u32>,
}

type List = RefCell<Vec<(String, String)>>;

fn list_get(l: &List, key: &str) -> Option<String> {
    l.borrow()
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

fn list_set(l: &List, key: &str, value: &str) {
    list_remove(l, key);
    l.borrow_mut().push((key.into(), value.into()));
}

fn list_remove(l: &List, key: &str) {
    l.borrow_mut().retain(|(k, _)| k != key);
}

fn host_fn(name: &str) -> Option<(JsValue, js_sys::Function)> {
    HOST.with(|h| {
        let h = h.borrow().clone();
        let f = js_sys::Reflect::get(&h, &name.into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        Some((h, f))
    })
}

thread_local! {
    /// `{ storage: { getItem, setItem, removeItem }, emit(event, json) }` from index.js.
    static HOST: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

/// Installs the host object; index.js calls this once before anything else.
#[wasm_bindgen(js_name = setHost)]
pub fn set_host(host: JsValue) {
    HOST.with(|h| *h.borrow_mut() = host);
}

fn host_storage() -> Option<JsValue> {
    HOST.with(|h| js_sys::Reflect::get(&h.borrow(), &"storage".into()).ok())
        .filter(|s| s.is_object())
}

/// Calls `storage[method](...args)`, awaiting the result when it is a promise
/// (Amplify's KeyValueStorageInterface is async; web storage is not).
async fn storage_call(
    storage: &JsValue,
    method: &str,
    args: &[&str],
) -> Result<JsValue, AuthError> {
    let f = js_sys::Reflect::get(storage, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| storage_error(method))?;
    let argv: js_sys::Array = args.iter().map(|a| JsValue::from_str(a)).collect();
    let r = f.apply(storage, &argv).map_err(|_| storage_error(method))?;
    if r.is_instance_of::<js_sys::Promise>() {
        JsFuture::from(r.unchecked_into::<js_sys::Promise>())
            .await
            .map_err(|_| storage_error(method))
    } else {
        Ok(r)
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// A rejected fetch: our timeout, or no reply at all.
fn fetch_error(e: &JsValue, message: &str) -> AuthError {
    let name = js_sys::Reflect::get(e, &"name".into())
        .ok()
        .and_then(|n| n.as_string());
    if name.as_deref() == Some("TimeoutError") {
        return AuthError::new("TimeoutError", "The server did not answer in time.")
            .with_recovery("Check the network and the userPoolEndpoint, then try again; the stored session was kept.");
    }
    AuthError::network(message)
}

fn storage_error(method: &str) -> AuthError {
    AuthError::new("StorageException", format!("The token storage failed in {method}."))
        .with_recovery(
            "Free some storage space, allow site data for this page, or check the storage passed to setKeyValueStorage.",
        )
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
        // Cognito never redirects: a redirect would re-send the password or the
        // refresh token to wherever `Location` points. Stop it and name it.
        init.set_redirect(web_sys::RequestRedirect::Manual);
        // A server that never answers must not hang the call: host.signal() is an
        // AbortSignal that fires after the request timeout.
        if let Some(signal) = host_fn("signal")
            .and_then(|(h, f)| f.call0(&h).ok())
            .filter(|v| v.is_object())
        {
            init.set_signal(Some(signal.unchecked_ref()));
        }
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
            .map_err(|e| fetch_error(&e, "A network error has occurred."))?
            .unchecked_into();
        if resp.type_() == web_sys::ResponseType::Opaqueredirect {
            return Err(AuthError::new(
                "UnexpectedRedirectException",
                "The server answered with an HTTP redirect, which Cognito never sends; it was not followed.",
            )
            .with_recovery(
                "Check userPoolEndpoint (and the OAuth domain): it must be the service's own address, not one that redirects.",
            ));
        }
        let h = resp.headers();
        let header = |n: &str| h.get(n).ok().flatten();
        let body = JsFuture::from(
            resp.text()
                .map_err(|_| AuthError::network("The response body could not be read."))?,
        )
        .await
        .map_err(|e| fetch_error(&e, "The connection failed while reading the response."))?
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
        match host_storage() {
            Some(st) => Ok(storage_call(&st, "getItem", &[key]).await?.as_string()),
            None => Ok(list_get(&self.memory, key)),
        }
    }

    async fn set_item(&self, key: &str, value: &str) -> Result<(), AuthError> {
        match host_storage() {
            Some(st) => storage_call(&st, "setItem", &[key, value]).await.map(drop),
            None => {
                list_set(&self.memory, key, value);
                Ok(())
            }
        }
    }

    async fn remove_item(&self, key: &str) -> Result<(), AuthError> {
        match host_storage() {
            Some(st) => storage_call(&st, "removeItem", &[key]).await.map(drop),
            None => {
                list_remove(&self.memory, key);
                Ok(())
            }
        }
    }

    async fn get_transient(&self, key: &str) -> Option<String> {
        match session_storage() {
            Some(s) => s.get_item(key).ok().flatten(),
            None => list_get(&self.transient, key),
        }
    }

    async fn set_transient(&self, key: &str, value: &str) {
        match session_storage() {
            Some(s) => drop(s.set_item(key, value)),
            None => list_set(&self.transient, key, value),
        }
    }

    async fn remove_transient(&self, key: &str) {
        match session_storage() {
            Some(s) => drop(s.remove_item(key)),
            None => list_remove(&self.transient, key),
        }
    }

    async fn lock(&self, name: &str) -> u32 {
        // host.lock(name) resolves to a release function once the lock is held.
        let Some((h, f)) = host_fn("lock") else {
            return 0;
        };
        let Ok(p) = f.call1(&h, &JsValue::from_str(name)) else {
            return 0;
        };
        let Ok(release) = JsFuture::from(js_sys::Promise::resolve(&p)).await else {
            return 0;
        };
        let Ok(release) = release.dyn_into::<js_sys::Function>() else {
            return 0;
        };
        let handle = self.next_lock.get().wrapping_add(1).max(1);
        self.next_lock.set(handle);
        self.locks.borrow_mut().push((handle, release));
        handle
    }

    fn unlock(&self, handle: u32) {
        let held = {
            let mut locks = self.locks.borrow_mut();
            let i = locks.iter().position(|(h, _)| *h == handle);
            i.map(|i| locks.swap_remove(i).1)
        };
        if let Some(release) = held {
            let _ = release.call0(&JsValue::UNDEFINED);
        }
    }

    async fn sleep(&self, ms: u32) {
        let global = js_sys::global();
        let Some(set_timeout) = js_sys::Reflect::get(&global, &"setTimeout".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        else {
            return;
        };
        let p = js_sys::Promise::new(&mut |resolve, _| {
            let _ = set_timeout.call2(&global, &resolve, &JsValue::from(ms));
        });
        let _ = JsFuture::from(p).await;
    }

    fn emit(&self, event: &str, data: Option<serde_json::Value>) {
        HOST.with(|h| {
            let h = h.borrow();
            if let Some(f) = js_sys::Reflect::get(&h, &"emit".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            {
                let data = data
                    .map(|d| JsValue::from_str(&json::to_string(&d)))
                    .unwrap_or(JsValue::UNDEFINED);
                // A listener that throws must not break the auth call.
                let _ = f.call2(&h, &JsValue::from_str(event), &data);
            }
        });
    }

    fn device_name(&self) -> String {
        web_sys::window()
            .and_then(|w| w.navigator().user_agent().ok())
            .unwrap_or_else(|| "cognito-wasm".into())
    }

    fn current_url(&self) -> Option<String> {
        web_sys::window()?.location().href().ok()
    }

    fn navigate(&self, url: &str) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(url);
        }
    }

    fn replace_url(&self, url: &str) {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.replace_state_with_url(&JsValue::NULL, "", Some(url));
        }
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
    static AUTH: Rc<Auth<BrowserEnv>> = Rc::new(Auth::new(BrowserEnv {
        memory: RefCell::new(Vec::new()),
        transient: RefCell::new(Vec::new()),
        locks: RefCell::new(Vec::new()),
        next_lock: std::cell::Cell::new(0),
    }));
}

fn auth() -> Rc<Auth<BrowserEnv>> {
    AUTH.with(Rc::clone)
}

/// Errors cross as JSON text; the TypeScript layer turns them into `AuthError`s.
fn err(e: AuthError) -> JsValue {
    JsValue::from_str(&json::to_string(&e.to_json()))
}

fn parse_input(input: &str) -> Result<serde_json::Value, JsValue> {
    if input.is_empty() {
        return Ok(serde_json::Value::Null);
    }
    json::parse(input).ok_or_else(|| {
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
    auth()
        .configure(&raw)
        .map(|v| json::to_string(&v))
        .map_err(err)
}

/// Runs one API call: `op` is the Amplify function name, `input` its argument as JSON.
/// Resolves to the result as JSON; rejects with the error as JSON.
#[wasm_bindgen]
pub fn call(op: String, input: String) -> js_sys::Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let a = auth();
        let input = parse_input(&input)?;
        let fut: core::pin::Pin<
            Box<dyn core::future::Future<Output = Result<serde_json::Value, AuthError>> + '_>,
        > = match op.as_str() {
            "signUp" => Box::pin(a.sign_up(&input)),
            "confirmSignUp" => Box::pin(a.confirm_sign_up(&input)),
            "resendSignUpCode" => Box::pin(a.resend_sign_up_code(&input)),
            "signIn" => Box::pin(a.sign_in(&input)),
            "continueSignIn" => Box::pin(a.continue_sign_in(&input)),
            "confirmSignIn" => Box::pin(a.confirm_sign_in(&input)),
            "signOut" => Box::pin(a.sign_out(&input)),
            "getCurrentUser" => Box::pin(a.get_current_user()),
            "fetchAuthSession" => Box::pin(a.fetch_auth_session(&input)),
            "autoSignIn" => Box::pin(a.auto_sign_in()),
            "resetPassword" => Box::pin(a.reset_password(&input)),
            "confirmResetPassword" => Box::pin(a.confirm_reset_password(&input)),
            "updatePassword" => Box::pin(a.update_password(&input)),
            "fetchUserAttributes" => Box::pin(a.fetch_user_attributes()),
            "updateUserAttributes" => Box::pin(a.update_user_attributes(&input)),
            "updateUserAttribute" => Box::pin(a.update_user_attribute(&input)),
            "confirmUserAttribute" => Box::pin(a.confirm_user_attribute(&input)),
            "sendUserAttributeVerificationCode" => {
                Box::pin(a.send_user_attribute_verification_code(&input))
            }
            "deleteUserAttributes" => Box::pin(a.delete_user_attributes(&input)),
            "deleteUser" => Box::pin(a.delete_user()),
            "setUpTOTP" => Box::pin(a.set_up_totp()),
            "verifyTOTPSetup" => Box::pin(a.verify_totp_setup(&input)),
            "updateMFAPreference" => Box::pin(a.update_mfa_preference(&input)),
            "fetchMFAPreference" => Box::pin(a.fetch_mfa_preference()),
            "rememberDevice" => Box::pin(a.remember_device()),
            "forgetDevice" => Box::pin(a.forget_device(&input)),
            "fetchDevices" => Box::pin(a.fetch_devices()),
            "signInWithRedirect" => Box::pin(a.sign_in_with_redirect(&input)),
            "completeRedirect" => Box::pin(a.complete_redirect()),
            "prepareSignIn" => Box::pin(core::future::ready(a.prepare_sign_in())),
            _ => Box::pin(core::future::ready(Err(AuthError::new(
                "UnknownOperation",
                format!("No such call: {op}."),
            )))),
        };
        let r = fut.await;
        r.map(|v| JsValue::from_str(&json::to_string(&v)))
            .map_err(err)
    })
}
