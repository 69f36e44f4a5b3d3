//! Cognito's JSON-over-HTTP protocol: request building and reply parsing.
//! Pure functions, so malformed replies are testable without a server.

#[cfg(not(feature = "typed"))]
use crate::core::config::CognitoConfig;
#[cfg(not(feature = "typed"))]
use crate::core::env::{HttpRequest, HttpResponse};
#[cfg(not(feature = "typed"))]
use crate::core::error::AuthError;
#[cfg(not(feature = "typed"))]
use serde_json::{Map, Value};

pub const USER_AGENT: &str = concat!("cognito-wasm/", env!("CARGO_PKG_VERSION"));

#[cfg(not(feature = "typed"))]
/// Builds the POST for one user pool operation (`InitiateAuth`, `SignUp`, …).
pub fn request(cfg: &CognitoConfig, operation: &str, body: &Value) -> HttpRequest {
    service_request(
        &cfg.endpoint,
        "AWSCognitoIdentityProviderService",
        operation,
        body,
    )
}

#[cfg(not(feature = "typed"))]
/// Builds the POST for an operation of a Cognito JSON service (user pools, or
/// `AWSCognitoIdentityService` for identity pools).
pub fn service_request(url: &str, service: &str, operation: &str, body: &Value) -> HttpRequest {
    HttpRequest {
        url: url.to_string(),
        headers: vec![
            ("Content-Type", "application/x-amz-json-1.1".into()),
            ("X-Amz-Target", format!("{service}.{operation}")),
            ("Cache-Control", "no-store".into()),
            ("X-Amz-User-Agent", USER_AGENT.into()),
        ],
        body: crate::core::json::to_string(body),
    }
}

#[cfg(not(feature = "typed"))]
/// Turns a reply into its JSON object, or the service error it carries.
pub fn parse_response(resp: &HttpResponse) -> Result<Map<String, Value>, AuthError> {
    if (200..300).contains(&resp.status) {
        if resp.body.trim().is_empty() {
            return Ok(Map::new());
        }
        return match crate::core::json::parse(&resp.body) {
            Some(Value::Object(m)) => Ok(m),
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

#[cfg(not(feature = "typed"))]
fn with_meta(mut e: AuthError, resp: &HttpResponse) -> AuthError {
    e.http_status_code = Some(resp.status);
    e.request_id = resp.request_id.clone();
    e
}

/// `com.amazonaws...#NotAuthorizedException:http://...` → `NotAuthorizedException`.
pub fn sanitize_error_code(raw: &str) -> &str {
    // Up to the first ',' or ':', after the last '#' before it. Bytes, not str::split:
    // its char searchers are ~1.5 KB of wasm; the delimiters are ASCII.
    let b = raw.as_bytes();
    let end = b
        .iter()
        .position(|&c| c == b',' || c == b':')
        .unwrap_or(b.len());
    let start = b
        .get(..end)
        .and_then(|head| head.iter().rposition(|&c| c == b'#'))
        .map_or(0, |i| i + 1);
    raw.get(start..end).unwrap_or("").trim()
}

#[cfg(not(feature = "typed"))]
// The same rules as `wire::service_error` (the typed core's), over `Value`: a test
// holds the two to the same output; sharing the code would bring a second JSON
// parser into the full engine.
fn service_error(resp: &HttpResponse) -> AuthError {
    let body = crate::core::json::parse(&resp.body);
    let field = |k: &str| body.as_ref().and_then(|b| b.get(k)).and_then(Value::as_str);
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
    let e = match code {
        Some(code) => {
            let message = field("message")
                .or_else(|| field("Message"))
                .filter(|m| !m.trim().is_empty())
                .map(|m| m.chars().take(1000).collect::<String>())
                .unwrap_or_else(|| "Unknown error".into());
            let mut e = AuthError::new(code, message);
            e.recovery_suggestion = recovery_for(code, &e.message).map(str::to_string);
            e
        }
        // A 5xx whose body is not Cognito's (a proxy's HTML page, an empty body):
        // the service failed; say so, and with which status.
        None if resp.status >= 500 => AuthError::new(
            "ServerError",
            format!(
                "The server failed with HTTP {} and sent no Cognito error.",
                resp.status
            ),
        )
        .with_recovery(
            "Retry later; a stored session is kept. If it keeps failing, check that userPoolEndpoint points at Cognito.",
        ),
        None => AuthError::new(
            "UnknownError",
            format!(
                "The server answered HTTP {} without a Cognito error in the body.",
                resp.status
            ),
        )
        .with_recovery(
            "Check that userPoolEndpoint points at Cognito; retry later if the service is down.",
        ),
    };
    with_meta(e, resp)
}

/// A hint a person can act on, for the errors people meet most.
fn message_names_config(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    // A plain scan: str::contains brings a two-way searcher (~2 KB of wasm).
    let has = |w: &[u8]| m.as_bytes().windows(w.len()).any(|x| x == w);
    has(b"client") || has(b"pool")
}

pub(crate) fn recovery_for(code: &str, message: &str) -> Option<&'static str> {
    Some(match code {
        "NotAuthorizedException" => "Check the username and password, or sign in again.",
        "UserNotFoundException" => "Check the username, or sign up first.",
        "UserNotConfirmedException" => {
            "Confirm the account with the code that was sent, then sign in."
        }
        "UsernameExistsException" => "Choose another username, or sign in with this one.",
        "InvalidPasswordException" => {
            "Choose a password that meets the user pool's password policy."
        }
        "CodeMismatchException" => "Check the code and enter it again, or ask for a new one.",
        "ExpiredCodeException" => "Request a new code and try again.",
        "LimitExceededException"
        | "TooManyRequestsException"
        | "TooManyFailedAttemptsException" => "Wait a while before trying again.",
        "PasswordResetRequiredException" => "Reset the password with resetPassword, then sign in.",
        "InvalidParameterException" => "Check the values passed to this call.",
        "ResourceNotFoundException" if message_names_config(message) => {
            "Check userPoolId and userPoolClientId in the configuration."
        }
        _ => return None,
    })
}

#[cfg(not(feature = "typed"))]
/// A string field of a reply object.
pub fn str_of<'a>(obj: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

#[cfg(not(feature = "typed"))]
/// `ChallengeParameters` (string → string) of a reply; missing means empty.
pub fn challenge_params(reply: &Map<String, Value>) -> Result<Map<String, Value>, AuthError> {
    match reply.get("ChallengeParameters") {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) => Ok(m.clone()),
        Some(_) => Err(AuthError::bad_reply("ChallengeParameters is not an object")),
    }
}

#[cfg(not(feature = "typed"))]
#[cfg(test)]
mod tests {
    use super::*;

    fn resp(status: u16, body: &str, etype: Option<&str>) -> HttpResponse {
        HttpResponse {
            status,
            request_id: Some("req-1".into()),
            error_type: etype.map(str::to_string),
            body: body.into(),
        }
    }

    #[test]
    fn service_error_forms() {
        let e = parse_response(&resp(400, r#"{"__type":"com.amazonaws.cognito#NotAuthorizedException","message":"Incorrect username or password."}"#, None)).unwrap_err();
        assert_eq!(e.name, "NotAuthorizedException");
        assert_eq!(e.message, "Incorrect username or password.");
        assert_eq!(e.http_status_code, Some(400));
        assert_eq!(e.request_id.as_deref(), Some("req-1"));
        assert!(e.recovery_suggestion.is_some());
        let e = parse_response(&resp(
            400,
            r#"{"__type":"UserNotFoundException","Message":"gone"}"#,
            None,
        ))
        .unwrap_err();
        assert_eq!(
            (e.name.as_str(), e.message.as_str()),
            ("UserNotFoundException", "gone")
        );
        let e = parse_response(&resp(
            400,
            "{}",
            Some("CodeMismatchException:http://internal.amazon.com/"),
        ))
        .unwrap_err();
        assert_eq!(e.name, "CodeMismatchException");
        let e = parse_response(&resp(502, "<html>Bad gateway</html>", None)).unwrap_err();
        assert_eq!(e.name, "ServerError");
        assert!(e.message.contains("HTTP 502"), "{}", e.message);
        assert_eq!(e.http_status_code, Some(502));
        let e = parse_response(&resp(500, "", None)).unwrap_err();
        assert_eq!(
            (e.name.as_str(), e.http_status_code),
            ("ServerError", Some(500))
        );
        let e = parse_response(&resp(404, "<html>Not found</html>", None)).unwrap_err();
        assert_eq!(e.name, "UnknownError");
        let e = parse_response(&resp(400, r#"{"__type":"<script>"}"#, None)).unwrap_err();
        assert_eq!(e.name, "UnknownError");
    }

    #[test]
    fn success_bodies() {
        assert!(parse_response(&resp(200, "", None)).unwrap().is_empty());
        assert_eq!(
            parse_response(&resp(200, r#"{"a":1}"#, None)).unwrap()["a"],
            1
        );
        assert_eq!(
            parse_response(&resp(200, "[1]", None)).unwrap_err().name,
            "UnexpectedServerResponseException"
        );
        assert_eq!(
            parse_response(&resp(200, r#"{"a":"#, None))
                .unwrap_err()
                .name,
            "UnexpectedServerResponseException"
        );
    }
}
