//! Errors as values: a stable name, a message, a recovery hint and, for service
//! errors, the HTTP status and request id; and their [`Kind`], which the rules that act
//! on errors match on. Never holds a secret.

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

    /// A reply the client cannot make sense of (its hint is the JavaScript layer's, by name).
    pub fn bad_reply(what: &str) -> Self {
        Self::new(
            "UnexpectedServerResponseException",
            crate::codec::cat(&["The server's reply could not be understood: ", what, "."]),
        )
    }
}

/// What the rules that act on an error (retry it, end the session, fall back to another
/// operation, forget a device) need to know of it: its kind, read from its stable name.
/// The rules are matches on this, not comparisons of names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    // Cognito's answers that the refresh token is dead: `NotAuthorizedException`,
    // `TokenRevokedException`, `UserNotFoundException`, `PasswordResetRequiredException`,
    // `UserNotConfirmedException`, `RefreshTokenReuseException`.
    NotAuthorized,
    TokenRevoked,
    UserNotFound,
    PasswordResetRequired,
    UserNotConfirmed,
    RefreshTokenReuse,
    /// No reply (ours: `NetworkError`).
    Network,
    /// No reply in time: ours (`TimeoutError`) or the service's (`RequestTimeoutException`).
    Timeout,
    /// The service asks to slow down (`TooManyRequestsException`, `ThrottlingException`,
    /// `LimitExceededException`).
    Throttled,
    /// The service failed (`InternalErrorException`, `ServiceUnavailable[Exception]`, or a
    /// 5xx that named no error: `ServerError`).
    ServiceFault,
    /// The endpoint has no such operation (`UnknownOperationException`, `InvalidAction`,
    /// `MissingAuthenticationTokenException`, `UnsupportedOperationException`).
    NoSuchOperation,
    /// `ResourceNotFoundException`.
    ResourceNotFound,
    /// Any other name.
    Other,
}

/// Every name whose kind is not `Other`. The six a refresh ends on match as prefixes
/// (a longer name that starts with one is that error); the rest exactly.
const KINDS: [(&str, Kind); 21] = [
    ("NotAuthorizedException", Kind::NotAuthorized),
    ("TokenRevokedException", Kind::TokenRevoked),
    ("UserNotFoundException", Kind::UserNotFound),
    (
        "PasswordResetRequiredException",
        Kind::PasswordResetRequired,
    ),
    ("UserNotConfirmedException", Kind::UserNotConfirmed),
    ("RefreshTokenReuseException", Kind::RefreshTokenReuse),
    ("NetworkError", Kind::Network),
    ("TimeoutError", Kind::Timeout),
    ("RequestTimeoutException", Kind::Timeout),
    ("TooManyRequestsException", Kind::Throttled),
    ("ThrottlingException", Kind::Throttled),
    ("LimitExceededException", Kind::Throttled),
    ("InternalErrorException", Kind::ServiceFault),
    ("ServiceUnavailable", Kind::ServiceFault),
    ("ServiceUnavailableException", Kind::ServiceFault),
    ("ServerError", Kind::ServiceFault),
    ("UnknownOperationException", Kind::NoSuchOperation),
    ("InvalidAction", Kind::NoSuchOperation),
    ("MissingAuthenticationTokenException", Kind::NoSuchOperation),
    ("UnsupportedOperationException", Kind::NoSuchOperation),
    ("ResourceNotFoundException", Kind::ResourceNotFound),
];

impl Kind {
    /// The kind of the error named `name`.
    pub fn of(name: &str) -> Kind {
        KINDS
            .iter()
            .find(|(n, k)| {
                if k.ends_session() {
                    name.starts_with(n)
                } else {
                    name == *n
                }
            })
            .map_or(Kind::Other, |&(_, k)| k)
    }

    /// One of Cognito's answers that the refresh token is dead.
    const fn ends_session(self) -> bool {
        matches!(
            self,
            Kind::NotAuthorized
                | Kind::TokenRevoked
                | Kind::UserNotFound
                | Kind::PasswordResetRequired
                | Kind::UserNotConfirmed
                | Kind::RefreshTokenReuse
        )
    }
}

impl AuthError {
    /// This error's kind (from its name).
    pub fn kind(&self) -> Kind {
        Kind::of(&self.name)
    }

    /// True for the answers that mean the refresh token is dead, so the session must
    /// go. Only a 4xx says so: a 5xx is the service failing, whatever its body claims.
    pub fn ends_session(&self) -> bool {
        !matches!(self.http_status_code, Some(500..)) && self.kind().ends_session()
    }

    /// Transient failures worth another try: no reply, throttling, server errors.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind(),
            Kind::Network | Kind::Timeout | Kind::Throttled | Kind::ServiceFault
        ) || matches!(self.http_status_code, Some(429 | 500 | 502 | 503 | 504))
    }

    /// Servers without `GetTokensFromRefreshToken` answer with one of these; the
    /// refresh then falls back to `InitiateAuth` with `REFRESH_TOKEN_AUTH`.
    pub fn lacks_operation(&self) -> bool {
        self.kind() == Kind::NoSuchOperation
    }
}

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.message)
    }
}

impl core::error::Error for AuthError {}
