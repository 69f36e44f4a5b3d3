//! The challenges a sign-in can stop at that the typed core runs itself: what
//! Amplify's `signIn` / `confirmSignIn` report for them (`nextStep`), and the
//! ChallengeResponses that answer them. The answer goes out through
//! [`PasswordSignIn::answer`](super::sign_in::PasswordSignIn::answer), so a device
//! key, a stale device and the next challenge are handled as in a sign-in.
//!
//! The others (MFA set-up, first-factor selection, a device's own SRP, a new device
//! to confirm) are few apps' and stay with the full engine, which continues from
//! Cognito's reply; [`next_step`] says which is which.

use crate::codec::json::{self, Json, Obj};
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{Challenge, Pairs};

/// How long a challenge waits for its answer (Amplify: 3 minutes).
pub const PENDING_TTL_MS: f64 = 180_000.0;

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

/// Whether the typed core answers `challenge` (else the full engine does).
pub fn runs(challenge: &str) -> bool {
    code_key(challenge).is_some()
        || matches!(challenge, "NEW_PASSWORD_REQUIRED" | "SELECT_MFA_TYPE")
}

/// `SMS_MFA` → `SMS`, … (Amplify's MFA type names).
fn mfa_type(cognito: &str) -> Option<&'static str> {
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
/// others.
pub fn next_step(c: &Challenge) -> Option<String> {
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
            _ => return None,
        }
        .end(),
    )
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
                "This challenge is answered by the full engine.",
            ))
        }
    }
    Ok((out, false))
}
