//! The typed wire layer: one request builder and one reply reader per Cognito
//! operation, over [`crate::codec::json`]. Pure functions: what to send and what
//! came back, with hostile or malformed replies turned into named errors here.
#![forbid(unsafe_code)]
#![warn(unused_qualifications, missing_debug_implementations)]

#[allow(unused_imports)]
use crate::prelude::*;
pub mod user_pool;

use crate::codec::json::{self, Json};
use crate::core::env::{HttpRequest, HttpResponse};
use crate::core::error::AuthError;
use crate::core::protocol::{sanitize_error_code, USER_AGENT};

/// One POST to a Cognito JSON service: the operation and its JSON body. May hold
/// secrets (a password, a refresh token): never log it.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// `AWSCognitoIdentityProviderService.InitiateAuth`, …
    pub target: &'static str,
    pub body: String,
}

impl core::fmt::Debug for Request {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Request")
            .field("target", &self.target)
            .field("body", &"[redacted]")
            .finish()
    }
}

impl Request {
    /// The HTTP request to `endpoint`, with the headers Cognito's JSON protocol asks.
    pub fn to_http(&self, endpoint: &str) -> HttpRequest {
        HttpRequest {
            url: endpoint.to_string(),
            headers: vec![
                ("Content-Type", "application/x-amz-json-1.1".into()),
                ("X-Amz-Target", self.target.into()),
                ("Cache-Control", "no-store".into()),
                ("X-Amz-User-Agent", USER_AGENT.into()),
            ],
            body: self.body.clone(),
        }
    }

    /// The operation's name (`InitiateAuth`).
    pub fn operation(&self) -> &'static str {
        self.target.rsplit('.').next().unwrap_or(self.target)
    }
}

fn with_meta(mut e: AuthError, resp: &HttpResponse) -> AuthError {
    e.http_status_code = Some(resp.status);
    e.request_id = resp.request_id.clone();
    e
}

/// A reply's JSON object, or the error it carries: Cognito's exception (name,
/// message, status, request id; the JavaScript layer adds the recovery hint), `ServerError` for a 5xx that is not
/// Cognito's, `UnknownError` for any other answer without one, and
/// `UnexpectedServerResponseException` for a success whose body is not an object.
pub fn reply(resp: &HttpResponse) -> Result<Json, AuthError> {
    if (200..300).contains(&resp.status) {
        if crate::codec::trim(&resp.body).is_empty() {
            return Ok(Json::Obj(Vec::new()));
        }
        return match json::parse(&resp.body) {
            Some(v @ Json::Obj(_)) => Ok(v),
            Some(_) => Err(with_meta(
                AuthError::bad_reply("the body is not a JSON object"),
                resp,
            )),
            None => Err(with_meta(
                AuthError::bad_reply("the body is not valid JSON"),
                resp,
            )),
        };
    }
    Err(service_error(resp))
}

/// The error a non-2xx reply carries.
fn service_error(resp: &HttpResponse) -> AuthError {
    let body = json::parse(&resp.body);
    let field = |k: &str| body.as_ref().and_then(|b| b.str(k));
    let code = resp
        .error_type
        .as_deref()
        .or_else(|| field("code"))
        .or_else(|| field("__type"))
        .map(sanitize_error_code)
        .filter(|c| {
            !c.is_empty()
                && c.len() <= 128
                && c.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'.')
        });
    let status = json::int(i64::from(resp.status));
    let e = match code {
        Some(code) => {
            let message = field("message")
                .or_else(|| field("Message"))
                .filter(|m| !crate::codec::trim(m).is_empty())
                .map(|m| crate::codec::first_chars(m, 1000).to_string())
                .unwrap_or_else(|| "Unknown error".into());
            AuthError::new(code, message)
        }
        None if resp.status >= 500 => AuthError::new(
            "ServerError",
            crate::codec::cat(&[
                "The server failed with HTTP ",
                &status,
                " and sent no Cognito error.",
            ]),
        ),
        None => AuthError::new(
            "UnknownError",
            crate::codec::cat(&[
                "The server answered HTTP ",
                &status,
                " without a Cognito error in the body.",
            ]),
        ),
    };
    with_meta(e, resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str, error_type: Option<&str>) -> HttpResponse {
        HttpResponse {
            status,
            request_id: Some("req-1".into()),
            error_type: error_type.map(str::to_string),
            body: body.into(),
        }
    }

    /// Each form a service error takes (a JSON `__type`, the x-amzn-errortype header, an
    /// HTML gateway page, an empty body, a hostile name), named as the SDKs name it, with
    /// the HTTP status and request id kept. No hint: the JavaScript layer adds it by name
    /// (`pkg-template/hints.ts`, tested in `tests/js/errors.test.mjs`).
    #[test]
    fn service_errors_are_named_with_metadata_and_no_hint() {
        let long = format!(r#"{{"__type":"X","message":"{}"}}"#, "m".repeat(2000));
        let cases: [(HttpResponse, &str, &str); 12] = [
            (
                resp(
                    400,
                    r#"{"__type":"com.amazonaws.cognito#NotAuthorizedException","message":"Incorrect username or password."}"#,
                    None,
                ),
                "NotAuthorizedException",
                "Incorrect username or password.",
            ),
            (
                resp(
                    400,
                    r#"{"__type":"UserNotFoundException","Message":"gone"}"#,
                    None,
                ),
                "UserNotFoundException",
                "gone",
            ),
            (
                resp(
                    400,
                    "{}",
                    Some("CodeMismatchException:http://internal.amazon.com/"),
                ),
                "CodeMismatchException",
                "Unknown error",
            ),
            (
                resp(
                    400,
                    r#"{"__type":"ResourceNotFoundException","message":"User pool client abc does not exist."}"#,
                    None,
                ),
                "ResourceNotFoundException",
                "User pool client abc does not exist.",
            ),
            (
                resp(
                    400,
                    r#"{"__type":"LimitExceededException","message":" "}"#,
                    None,
                ),
                "LimitExceededException",
                "Unknown error",
            ),
            (
                resp(502, "<html>Bad gateway</html>", None),
                "ServerError",
                "The server failed with HTTP 502 and sent no Cognito error.",
            ),
            (
                resp(500, "", None),
                "ServerError",
                "The server failed with HTTP 500 and sent no Cognito error.",
            ),
            (
                resp(404, "<html>Not found</html>", None),
                "UnknownError",
                "The server answered HTTP 404 without a Cognito error in the body.",
            ),
            (
                resp(400, r#"{"__type":"<script>"}"#, None),
                "UnknownError",
                "The server answered HTTP 400 without a Cognito error in the body.",
            ),
            // A hostile message is cut to 1,000 characters.
            (resp(400, &long, None), "X", &long[25..1025]),
            (
                resp(200, "[1]", None),
                "UnexpectedServerResponseException",
                "The server's reply could not be understood: the body is not a JSON object.",
            ),
            (
                resp(200, r#"{"a":"#, None),
                "UnexpectedServerResponseException",
                "The server's reply could not be understood: the body is not valid JSON.",
            ),
        ];
        for (r, name, message) in cases {
            let e = reply(&r).unwrap_err();
            assert_eq!(
                (
                    e.name.as_str(),
                    e.message.as_str(),
                    e.recovery_suggestion.as_deref()
                ),
                (name, message, None),
                "{} {}",
                r.status,
                r.body
            );
            assert_eq!(
                (e.http_status_code, e.request_id.as_deref()),
                (Some(r.status), Some("req-1"))
            );
        }
        assert_eq!(reply(&resp(200, "", None)).unwrap(), Json::Obj(vec![]));
        assert_eq!(
            reply(&resp(200, r#"{"a":"b"}"#, None)).unwrap().str("a"),
            Some("b")
        );
    }

    #[test]
    fn requests_carry_the_protocol_headers_and_hide_their_body() {
        let r = Request {
            target: "AWSCognitoIdentityProviderService.SignUp",
            body: r#"{"Password":"secret"}"#.into(),
        };
        let h = r.to_http("https://cognito-idp.us-east-1.amazonaws.com/");
        assert_eq!(r.operation(), "SignUp");
        assert!(h.headers.contains(&(
            "X-Amz-Target",
            "AWSCognitoIdentityProviderService.SignUp".into()
        )));
        assert!(h
            .headers
            .contains(&("Content-Type", "application/x-amz-json-1.1".into())));
        assert!(!format!("{r:?}").contains("secret"));
    }
}
