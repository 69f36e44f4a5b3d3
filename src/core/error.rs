//! Errors as values: a stable name, a message, a recovery hint and, for service
//! errors, the HTTP status and request id. Never holds a secret.

#[allow(unused_imports)]
use crate::prelude::*;
use core::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthError {
    /// Stable name: the Cognito exception name (`NotAuthorizedException`) or one of ours.
    pub name: String,
    pub message: String,
    pub recovery_suggestion: Option<String>,
    pub http_status_code: Option<u16>,
    pub request_id: Option<String>,
}

impl AuthError {
    pub fn new(name: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            message: message.into(),
            recovery_suggestion: None,
            http_status_code: None,
            request_id: None,
        }
    }

    pub fn with_recovery(mut self, hint: impl Into<String>) -> Self {
        self.recovery_suggestion = Some(hint.into());
        self
    }

    /// A validation error raised before any request is sent (Amplify's `AuthValidationErrorCode`).
    pub fn validation(name: &str, message: &str, hint: &str) -> Self {
        Self::new(name, message).with_recovery(hint)
    }

    /// The library is used before `configure()` or with an unusable config.
    pub fn config(message: impl Into<String>) -> Self {
        Self::new("AuthUserPoolException", message)
            .with_recovery("Call configure() with a valid Auth.Cognito configuration first.")
    }

    pub fn network(message: impl Into<String>) -> Self {
        Self::new("NetworkError", message).with_recovery(
            "Check the network connection and the userPoolEndpoint, then try again; the stored session was kept.",
        )
    }

    pub fn not_signed_in() -> Self {
        Self::new(
            "UserUnAuthenticatedException",
            "User needs to be authenticated to call this API.",
        )
        .with_recovery("Sign in before calling this API again.")
    }

    /// A reply the client cannot make sense of (its hint is the JavaScript layer's, by name).
    pub fn bad_reply(what: &str) -> Self {
        Self::new(
            "UnexpectedServerResponseException",
            crate::codec::cat(&["The server's reply could not be understood: ", what, "."]),
        )
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl core::error::Error for AuthError {}
