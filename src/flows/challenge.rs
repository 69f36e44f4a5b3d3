//! The challenges a sign-in can stop at that the typed core runs itself: what
//! Amplify's `signIn` / `confirmSignIn` report for them (`nextStep`), and the
//! ChallengeResponses that answer them. The answer goes out through
//! [`PasswordSignIn::answer`](super::sign_in::PasswordSignIn::answer), so a device
//! key, a stale device and the next challenge are handled as in a sign-in.
//!
//! The others (passkeys, challenges this library does not know) are not run: the
//! driver names them in a SignInException; [`runs`] says which is which.

use crate::codec::json::{self, Json, Obj};
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{Challenge, Pairs};
use crate::wire::Request;

/// The ChallengeResponses key that carries a code (or a custom answer).
fn code_key(challenge: &str) -> Option<&'static str> {
    Some(match challenge {
        "SMS_MFA" => "SMS_MFA_CODE",
        "SMS_OTP" => "SMS_OTP_CODE",
        "EMAIL_OTP" => "EMAIL_OTP_CODE",
        "SOFTWARE_TOKEN_MFA" => "SOFTWARE_TOKEN_MFA_CODE",
        "CUSTOM_CHALLENGE" => "ANSWER",
        _ => return None,
    })
}

/// Whether `challenge` waits for the app's confirmSignIn. (A passkey's, WEB_AUTHN, is answered
/// inside the sign-in by the browser's prompt: [`next_step`] and [`responses`] know it.)
/// `PASSWORD` and `PASSWORD_SRP` are the first factor chosen in SELECT_CHALLENGE,
/// waiting for the password (as Amplify records them).
pub fn runs(challenge: &str) -> bool {
    code_key(challenge).is_some()
        || matches!(
            challenge,
            "NEW_PASSWORD_REQUIRED"
                | "SELECT_MFA_TYPE"
                | "SELECT_CHALLENGE"
                | "PASSWORD"
                | "PASSWORD_SRP"
                | "MFA_SETUP"
        )
}

/// MFA_SETUP: the kinds the user may set up here (`TOTP`, `EMAIL`; SMS is not set up
/// during sign-in), from `MFAS_CAN_SETUP`.
pub fn setup_types(c: &Challenge) -> Vec<String> {
    list_param(c, "MFAS_CAN_SETUP")
        .iter()
        .filter_map(|m| mfa_type(m))
        .filter(|t| *t == "TOTP" || *t == "EMAIL")
        .map(str::to_string)
        .collect()
}

/// `MFAS_CAN_SETUP` as a comma-separated list (for the error when none can be set up).
pub fn setup_offered(c: &Challenge) -> String {
    let mut out = String::new();
    for (i, m) in list_param(c, "MFAS_CAN_SETUP").iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(m);
    }
    out
}

/// What an answer to MFA_SETUP does (Amplify's rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetupAnswer {
    /// `EMAIL`: ask for the address (nothing sent).
    AskEmail,
    /// `TOTP`: AssociateSoftwareToken, then show the secret.
    Associate,
    /// A code: VerifySoftwareToken, then answer MFA_SETUP.
    Verify,
    /// An email address: answer MFA_SETUP with it.
    Email,
}

pub fn setup_answer(answer: &str) -> Result<SetupAnswer, AuthError> {
    Ok(match answer {
        "EMAIL" => SetupAnswer::AskEmail,
        "TOTP" => SetupAnswer::Associate,
        a if !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()) => SetupAnswer::Verify,
        a if a.contains('@') => SetupAnswer::Email,
        _ => return Err(AuthError::new(
            "SignInException",
            "Cannot proceed with MFA setup using this challengeResponse.",
        )
        .with_recovery(
            "Try passing \"EMAIL\", \"TOTP\", a valid email, or OTP code as the challengeResponse.",
        )),
    })
}

/// AssociateSoftwareToken within a sign-in (the challenge's session, no token yet).
pub fn associate_request(session: Option<&str>) -> Request {
    Request {
        target: "AWSCognitoIdentityProviderService.AssociateSoftwareToken",
        body: Obj::new().opt_str("Session", session).end(),
    }
}

/// Its reply: the secret to show and the session to go on with (the old one if none).
pub fn associate_reply(reply: &Json) -> Result<(String, Option<String>), AuthError> {
    let secret = reply
        .str("SecretCode")
        .ok_or_else(|| AuthError::new("SetUpTOTPException", "Failed to set up TOTP."))?;
    Ok((secret.to_string(), reply.str("Session").map(str::to_string)))
}

/// VerifySoftwareToken within a sign-in.
pub fn verify_request(code: &str, session: Option<&str>, device_name: Option<&str>) -> Request {
    Request {
        target: "AWSCognitoIdentityProviderService.VerifySoftwareToken",
        body: Obj::new()
            .str("UserCode", code)
            .opt_str("Session", session)
            .opt_str("FriendlyDeviceName", device_name)
            .end(),
    }
}

/// `SMS_MFA` → `SMS`, … (Amplify's MFA type names).
pub(crate) fn mfa_type(cognito: &str) -> Option<&'static str> {
    match cognito {
        "SMS_MFA" => Some("SMS"),
        "SOFTWARE_TOKEN_MFA" => Some("TOTP"),
        "EMAIL_OTP" => Some("EMAIL"),
        _ => None,
    }
}

/// A challenge parameter that holds a JSON array of strings as text.
fn list_param(c: &Challenge, key: &str) -> Vec<String> {
    match c.param(key).and_then(json::parse) {
        Some(Json::Arr(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn strings(list: impl IntoIterator<Item = String>) -> Json {
    Json::Arr(list.into_iter().map(Json::Str).collect())
}

/// Amplify's `nextStep` (JSON) for a challenge the typed core runs; `None` for the
/// others. `reply`: the whole reply (SELECT_CHALLENGE lists its choices there).
pub fn next_step(c: &Challenge, reply: &Json) -> Option<String> {
    let step = |s: &str| Obj::new().str("signInStep", s);
    Some(
        match c.name.as_str() {
            "NEW_PASSWORD_REQUIRED" => {
                let missing = list_param(c, "requiredAttributes").into_iter().map(|a| {
                    a.strip_prefix("userAttributes.")
                        .map(str::to_string)
                        .unwrap_or(a)
                });
                step("CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED")
                    .value("missingAttributes", &strings(missing))
            }
            "SMS_MFA" | "SMS_OTP" | "EMAIL_OTP" => step(if c.name == "EMAIL_OTP" {
                "CONFIRM_SIGN_IN_WITH_EMAIL_CODE"
            } else {
                "CONFIRM_SIGN_IN_WITH_SMS_CODE"
            })
            .raw(
                "codeDeliveryDetails",
                &Obj::new()
                    .opt_str("deliveryMedium", c.param("CODE_DELIVERY_DELIVERY_MEDIUM"))
                    .opt_str("destination", c.param("CODE_DELIVERY_DESTINATION"))
                    .end(),
            ),
            "SOFTWARE_TOKEN_MFA" => step("CONFIRM_SIGN_IN_WITH_TOTP_CODE"),
            "CUSTOM_CHALLENGE" => step("CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE").raw(
                "additionalInfo",
                &Obj::strings(c.parameters.iter().map(|(k, v)| (k.as_str(), v.as_str()))).end(),
            ),
            "SELECT_MFA_TYPE" => {
                let allowed: Vec<String> = list_param(c, "MFAS_CAN_CHOOSE")
                    .iter()
                    .filter_map(|m| mfa_type(m))
                    .map(str::to_string)
                    .collect();
                step("CONTINUE_SIGN_IN_WITH_MFA_SELECTION")
                    .value("allowedMFATypes", &strings(allowed))
            }
            // TOTP alone is set up at once (`setup_types`; the driver associates first).
            "MFA_SETUP" => {
                let types = setup_types(c);
                if types.len() == 2 {
                    step("CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION")
                        .value("allowedMFATypes", &strings(types))
                } else if types.first().map(String::as_str) == Some("EMAIL") {
                    step("CONTINUE_SIGN_IN_WITH_EMAIL_SETUP")
                } else {
                    return None;
                }
            }
            // Answered by the driver itself (the browser's passkey prompt), never shown to
            // the app: the options the prompt needs travel with it.
            "WEB_AUTHN" => step("WEB_AUTHN").opt_str(
                "credentialRequestOptions",
                c.param("CREDENTIAL_REQUEST_OPTIONS"),
            ),
            "SELECT_CHALLENGE" => {
                let o = step("CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION");
                match reply.get("AvailableChallenges") {
                    Some(v) if *v != Json::Null => o.value("availableChallenges", v),
                    _ => o,
                }
            }
            _ => return None,
        }
        .end(),
    )
}

/// The challenge name an answer to `pending` goes out as (the password chosen as the
/// first factor answers SELECT_CHALLENGE).
pub fn sent_as(pending: &str) -> &str {
    if pending == "PASSWORD" {
        "SELECT_CHALLENGE"
    } else {
        pending
    }
}

/// The ChallengeResponses answering `challenge` for `username` with the user's
/// `answer` (confirmSignIn's `challengeResponse`), and whether the remembered device's
/// key goes with them. `user_attributes`: confirmSignIn's `options.userAttributes`
/// (a new password's required attributes).
pub fn responses(
    challenge: &str,
    username: &str,
    answer: &str,
    user_attributes: Option<&Pairs>,
) -> Result<(Vec<(String, String)>, bool), AuthError> {
    let mut out = vec![("USERNAME".to_string(), username.to_string())];
    if let Some(key) = code_key(challenge) {
        out.push((key.into(), answer.into()));
        return Ok((out, true));
    }
    match challenge {
        "NEW_PASSWORD_REQUIRED" => {
            for (k, v) in user_attributes.into_iter().flatten() {
                if !v.is_empty() {
                    out.push((crate::codec::cat(&["userAttributes.", k]), v.clone()));
                }
            }
            out.push(("NEW_PASSWORD".into(), answer.into()));
        }
        // After VerifySoftwareToken (a code), or with the address to send codes to.
        "MFA_SETUP" => {
            if setup_answer(answer)? == SetupAnswer::Email {
                out.push(("EMAIL".into(), answer.into()));
            }
        }
        // A first factor other than the password (the password factors wait, in the
        // package's steps.ts, for the password's own confirmSignIn).
        "SELECT_CHALLENGE" => out.push(("ANSWER".into(), answer.into())),
        // The passkey's assertion, as JSON (no device key goes with it, as Amplify).
        "WEB_AUTHN" => {
            out.push(("CREDENTIAL".into(), answer.into()));
            return Ok((out, false));
        }
        // The password chosen in SELECT_CHALLENGE (PASSWORD_SRP goes as an SRP sign-in).
        "PASSWORD" => {
            out.push(("ANSWER".into(), "PASSWORD".into()));
            out.push(("PASSWORD".into(), answer.into()));
        }
        "SELECT_MFA_TYPE" => {
            let choice =
                match answer {
                    "SMS" => "SMS_MFA",
                    "TOTP" => "SOFTWARE_TOKEN_MFA",
                    "EMAIL" => "EMAIL_OTP",
                    _ => return Err(AuthError::validation(
                        "IncorrectMFAMethod",
                        "Incorrect MFA method was chosen. It should be either SMS, TOTP, or EMAIL",
                        "Try to pass SMS, TOTP, or EMAIL as the challengeResponse",
                    )),
                };
            out.push(("ANSWER".into(), choice.into()));
        }
        _ => {
            return Err(AuthError::new(
                "SignInException",
                "This challenge is not answered by cognito-wasm.",
            ))
        }
    }
    Ok((out, false))
}
