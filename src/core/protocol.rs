//! What every Cognito service error shares: the error code as Cognito spells it, and
//! the recovery hints (the typed reply readers in `crate::wire` use them).

pub const USER_AGENT: &str = concat!("cognito-wasm/", env!("CARGO_PKG_VERSION"));

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

/// Whether a message is about the app's configuration (the client or the pool).
fn message_names_config(message: &str) -> bool {
    let m = message.to_ascii_lowercase();
    // A plain scan: str::contains brings a two-way searcher (~2 KB of wasm).
    let has = |w: &[u8]| m.as_bytes().windows(w.len()).any(|x| x == w);
    has(b"client") || has(b"pool")
}

/// A hint a person can act on, for the errors people meet most.
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
