//! Everything the core needs from the outside world, passed in. The browser
//! implementation lives in `crate::wasm`; tests use scripted ones.

#[cfg(not(feature = "typed"))]
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;

/// One HTTP POST to a Cognito endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    /// JSON text. May hold secrets: never log it.
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// `x-amzn-requestid`, when the server sent one.
    pub request_id: Option<String>,
    /// `x-amzn-errortype`, when the server sent one.
    pub error_type: Option<String>,
    pub body: String,
}

/// Randomness, clock, storage and transport. Single-threaded by design (the browser
/// main thread), so futures need not be `Send`.
#[cfg(not(feature = "typed"))]
#[allow(async_fn_in_trait)]
pub trait Env {
    /// Sends a request. A failure to get any HTTP reply is an `AuthError` named `NetworkError`.
    async fn send(&self, req: HttpRequest) -> Result<HttpResponse, AuthError>;
    async fn get_item(&self, key: &str) -> Result<Option<String>, AuthError>;
    async fn set_item(&self, key: &str, value: &str) -> Result<(), AuthError>;
    async fn remove_item(&self, key: &str) -> Result<(), AuthError>;
    /// Milliseconds since the Unix epoch.
    fn now_ms(&self) -> f64;
    /// Fills `buf` from a cryptographically secure source.
    fn fill_random(&self, buf: &mut [u8]) -> Result<(), AuthError>;

    /// Per-tab storage for an in-progress sign-in (the browser's sessionStorage),
    /// so a pending challenge survives a reload but not the tab.
    async fn get_transient(&self, _key: &str) -> Option<String> {
        None
    }
    async fn set_transient(&self, _key: &str, _value: &str) {}
    async fn remove_transient(&self, _key: &str) {}

    /// The name a newly remembered device is registered under (the browser's user agent).
    fn device_name(&self) -> String {
        "cognito-wasm".into()
    }

    /// The page's URL (for OAuth redirects), if there is a page.
    fn current_url(&self) -> Option<String> {
        None
    }

    /// Sends the browser to `url` (the hosted UI, or its logout endpoint).
    fn navigate(&self, _url: &str) {}

    /// Replaces the page's URL without loading it (removes `?code=…` after a redirect).
    fn replace_url(&self, _url: &str) {}

    /// Takes a lock shared by every tab of this origin (Web Locks), so one tab
    /// refreshes at a time; returns a handle for [`Env::unlock`].
    async fn lock(&self, _name: &str) -> u32 {
        0
    }
    fn unlock(&self, _handle: u32) {}

    /// Waits, for retry back-off.
    async fn sleep(&self, _ms: u32) {}

    /// Publishes an auth event (Amplify's Hub `auth` channel): `signedIn`,
    /// `signedOut`, `tokenRefresh`, `tokenRefresh_failure`, …
    fn emit(&self, _event: &str, _data: Option<serde_json::Value>) {}
}
