//! One-shot calls on a user's account — password reset and change, attributes, MFA
//! preferences, TOTP set-up, remembered devices, deletion — as a request builder and a reply reader per
//! call (prepare-request / parse-response), for the driver to send in between. Few
//! apps make these calls, so they ship in a wasm module of their own
//! (wasm/src/account.rs) that the driver loads on the first one.
//!
//! `input` is the API call's argument as the app passed it (JSON). The package checks
//! its shape before it comes here (anything else goes to the engine that names the
//! bad field), so a missing field here only gets Amplify's validation error.

use crate::codec::json::{self, Json, Obj};
use crate::core::error::AuthError;
use crate::crypto::device_srp;
use crate::flows::challenge::mfa_type;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{self as up, CodeDelivery};
use crate::wire::Request;

macro_rules! target {
    ($op:literal) => {
        concat!("AWSCognitoIdentityProviderService.", $op)
    };
}

/// The account calls, in the order of `ACCOUNT_OPS` in `pkg-template/account.ts`
/// (the index crosses the boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountOp {
    ResetPassword,
    ConfirmResetPassword,
    UpdatePassword,
    FetchUserAttributes,
    UpdateUserAttributes,
    UpdateUserAttribute,
    ConfirmUserAttribute,
    SendUserAttributeVerificationCode,
    DeleteUserAttributes,
    DeleteUser,
    SetUpTotp,
    VerifyTotpSetup,
    UpdateMfaPreference,
    FetchMfaPreference,
    FetchDevices,
    RememberDevice,
    ForgetDevice,
    // Passkeys: registration's two halves (the browser creates the credential in
    // between), the list, deletion.
    StartWebAuthnRegistration,
    CompleteWebAuthnRegistration,
    ListWebAuthnCredentials,
    DeleteWebAuthnCredential,
}

impl AccountOp {
    pub const ALL: [AccountOp; 21] = [
        AccountOp::ResetPassword,
        AccountOp::ConfirmResetPassword,
        AccountOp::UpdatePassword,
        AccountOp::FetchUserAttributes,
        AccountOp::UpdateUserAttributes,
        AccountOp::UpdateUserAttribute,
        AccountOp::ConfirmUserAttribute,
        AccountOp::SendUserAttributeVerificationCode,
        AccountOp::DeleteUserAttributes,
        AccountOp::DeleteUser,
        AccountOp::SetUpTotp,
        AccountOp::VerifyTotpSetup,
        AccountOp::UpdateMfaPreference,
        AccountOp::FetchMfaPreference,
        AccountOp::FetchDevices,
        AccountOp::RememberDevice,
        AccountOp::ForgetDevice,
        AccountOp::StartWebAuthnRegistration,
        AccountOp::CompleteWebAuthnRegistration,
        AccountOp::ListWebAuthnCredentials,
        AccountOp::DeleteWebAuthnCredential,
    ];

    pub fn from_index(i: u32) -> Option<Self> {
        Self::ALL.get(i as usize).copied()
    }

    /// Whether the call acts for the signed-in user (with their access token).
    pub fn needs_session(self) -> bool {
        !matches!(
            self,
            AccountOp::ResetPassword | AccountOp::ConfirmResetPassword
        )
    }
}

/// A required, non-empty string field. The package checks every call's input before it
/// gets here (check.ts names Amplify's validation error), so this is a last guard.
fn required<'a>(input: &'a Json, key: &str) -> Result<&'a str, AuthError> {
    input
        .str(key)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| unchecked(key))
}

/// An input that the package's checks would have refused: it names the field, nothing
/// more (Amplify's validation errors are the JavaScript layer's, once).
fn unchecked(key: &str) -> AuthError {
    AuthError::new(
        "UnknownException",
        crate::codec::cat(&["The input's ", key, " is missing or malformed."]),
    )
}

fn options(input: &Json) -> Option<&Json> {
    input.get("options")
}

/// `{ "name": "value" }` as JSON text, keeping only string values.
fn string_map(v: Option<&Json>) -> Option<String> {
    let v = v.filter(|v| v.is_object())?;
    Some(
        Obj::strings(
            v.members()
                .iter()
                .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))),
        )
        .end(),
    )
}

fn with_metadata(o: Obj, input: &Json) -> Obj {
    match string_map(options(input).and_then(|o| o.get("clientMetadata"))) {
        Some(m) => o.raw("ClientMetadata", &m),
        None => o,
    }
}

/// The array `key` of a reply (none when missing or not an array).
fn items<'a>(reply: &'a Json, key: &str) -> &'a [Json] {
    match reply.get(key) {
        Some(Json::Arr(list)) => list,
        _ => &[],
    }
}

/// Cognito's attribute list from `{ k: v }` (string values only).
fn name_value_list(attrs: &Json) -> String {
    up::name_value_list(
        attrs
            .members()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str(), v.as_str()?))),
    )
}

/// `SetUserMFAPreference`'s settings object for one of Amplify's four values.
fn mfa_setting(v: &str, field: &str) -> Result<&'static str, AuthError> {
    Ok(match v {
        "ENABLED" => r#"{"Enabled":true}"#,
        "DISABLED" => r#"{"Enabled":false}"#,
        "PREFERRED" => r#"{"Enabled":true,"PreferredMfa":true}"#,
        "NOT_PREFERRED" => r#"{"Enabled":true,"PreferredMfa":false}"#,
        _ => return Err(unchecked(field)),
    })
}

/// The `userAttribute` of `updateUserAttribute`: `(attributeKey, value)`.
fn one_attribute(input: &Json) -> Result<(&str, &str), AuthError> {
    let a = input
        .get("userAttribute")
        .filter(|a| a.is_object())
        .ok_or_else(|| unchecked("userAttribute"))?;
    let key = required(a, "attributeKey")?;
    Ok((key, a.str("value").unwrap_or("")))
}

/// The device `forgetDevice` forgets: the one the app names, else this one (`device`).
pub fn device_to_forget<'a>(input: &'a Json, device: Option<&'a str>) -> Option<&'a str> {
    input.get("device").and_then(|d| d.str("id")).or(device)
}

/// The request of `op`. `access`: the signed-in user's access token (calls that
/// `needs_session`); `device`: the key of the device remembered here, if any.
pub fn request(
    op: AccountOp,
    client_id: &str,
    access: &str,
    device: Option<&str>,
    input: &Json,
) -> Result<Request, AuthError> {
    use AccountOp::*;
    let token = || Obj::new().str("AccessToken", access);
    let (target, body) = match op {
        ResetPassword => {
            let username = required(input, "username")?;
            let o = Obj::new()
                .str("ClientId", client_id)
                .str("Username", username);
            (target!("ForgotPassword"), with_metadata(o, input))
        }
        ConfirmResetPassword => {
            let username = required(input, "username")?;
            let password = required(input, "newPassword")?;
            let code = required(input, "confirmationCode")?;
            let o = Obj::new()
                .str("ClientId", client_id)
                .str("Username", username)
                .str("ConfirmationCode", code)
                .str("Password", password);
            (target!("ConfirmForgotPassword"), with_metadata(o, input))
        }
        UpdatePassword => {
            let old = required(input, "oldPassword")?;
            let new = required(input, "newPassword")?;
            let o = token()
                .str("PreviousPassword", old)
                .str("ProposedPassword", new);
            (target!("ChangePassword"), o)
        }
        FetchUserAttributes | FetchMfaPreference => (target!("GetUser"), token()),
        UpdateUserAttributes => {
            let attrs = input
                .get("userAttributes")
                .filter(|a| a.is_object())
                .ok_or_else(|| unchecked("userAttributes"))?;
            let o = token().raw("UserAttributes", &name_value_list(attrs));
            (target!("UpdateUserAttributes"), with_metadata(o, input))
        }
        UpdateUserAttribute => {
            let (key, value) = one_attribute(input)?;
            let entry = Obj::new().str("Name", key).str("Value", value).end();
            let list = crate::codec::cat(&["[", &entry, "]"]);
            let o = token().raw("UserAttributes", &list);
            (target!("UpdateUserAttributes"), with_metadata(o, input))
        }
        ConfirmUserAttribute => {
            let key = required(input, "userAttributeKey")?;
            let code = required(input, "confirmationCode")?;
            let o = token().str("AttributeName", key).str("Code", code);
            (target!("VerifyUserAttribute"), o)
        }
        SendUserAttributeVerificationCode => {
            let key = required(input, "userAttributeKey")?;
            let o = token().str("AttributeName", key);
            (
                target!("GetUserAttributeVerificationCode"),
                with_metadata(o, input),
            )
        }
        DeleteUserAttributes => {
            let keys: Vec<&str> = match input.get("userAttributeKeys") {
                Some(Json::Arr(a)) => a.iter().filter_map(Json::as_str).collect(),
                _ => Vec::new(),
            };
            if keys.is_empty() {
                return Err(unchecked("userAttributeKeys"));
            }
            let list = Json::Arr(keys.into_iter().map(|k| Json::Str(k.to_string())).collect());
            (
                target!("DeleteUserAttributes"),
                token().value("UserAttributeNames", &list),
            )
        }
        DeleteUser => (target!("DeleteUser"), token()),
        SetUpTotp => (target!("AssociateSoftwareToken"), token()),
        VerifyTotpSetup => {
            let code = required(input, "code")?;
            let name = options(input).and_then(|o| o.str("friendlyDeviceName"));
            (
                target!("VerifySoftwareToken"),
                token()
                    .str("UserCode", code)
                    .opt_str("FriendlyDeviceName", name),
            )
        }
        UpdateMfaPreference => {
            let mut o = Obj::new();
            for (field, key) in [
                ("sms", "SMSMfaSettings"),
                ("totp", "SoftwareTokenMfaSettings"),
                ("email", "EmailMfaSettings"),
            ] {
                if let Some(v) = input.str(field) {
                    o = o.raw(key, mfa_setting(v, field)?);
                }
            }
            (
                target!("SetUserMFAPreference"),
                o.str("AccessToken", access),
            )
        }
        FetchDevices => (target!("ListDevices"), token().raw("Limit", "60")),
        RememberDevice => {
            let key = device.ok_or_else(device_srp::not_found)?;
            let o = token()
                .str("DeviceKey", key)
                .str("DeviceRememberedStatus", "remembered");
            (target!("UpdateDeviceStatus"), o)
        }
        ForgetDevice => {
            let key = device_to_forget(input, device).ok_or_else(device_srp::not_found)?;
            (target!("ForgetDevice"), token().str("DeviceKey", key))
        }
        StartWebAuthnRegistration => (target!("StartWebAuthnRegistration"), token()),
        CompleteWebAuthnRegistration => {
            // The browser's credential, as the package serialised it (JSON, base64url).
            let credential = input
                .get("credential")
                .filter(|c| c.is_object())
                .ok_or_else(|| {
                    AuthError::validation(
                        "InvalidPasskeyRegistrationResult",
                        "The passkey registration result is not valid.",
                        "Register the passkey again.",
                    )
                })?;
            (
                target!("CompleteWebAuthnRegistration"),
                token().value("Credential", credential),
            )
        }
        ListWebAuthnCredentials => {
            let mut o = token();
            if let Some(n) = input.get("pageSize").and_then(Json::as_f64) {
                o = o.value("MaxResults", &Json::Num(n));
            }
            (
                target!("ListWebAuthnCredentials"),
                o.opt_str("NextToken", input.str("nextToken")),
            )
        }
        DeleteWebAuthnCredential => {
            let id = input.str("credentialId").unwrap_or("");
            (
                target!("DeleteWebAuthnCredential"),
                token().str("CredentialId", id),
            )
        }
    };
    Ok(Request {
        target,
        body: body.end(),
    })
}

/// One attribute's `{ isUpdated, nextStep }`: a code still to confirm if Cognito sent one.
fn attribute_result(name: &str, reply: &Json) -> String {
    let pending = match reply.get("CodeDeliveryDetailsList") {
        Some(Json::Arr(list)) => list.iter().find(|d| d.str("AttributeName") == Some(name)),
        _ => None,
    };
    match pending {
        Some(d) => Obj::new()
            .bool("isUpdated", false)
            .raw(
                "nextStep",
                &Obj::new()
                    .str("updateAttributeStep", "CONFIRM_ATTRIBUTE_WITH_CODE")
                    .raw(
                        "codeDeliveryDetails",
                        &CodeDelivery::read(Some(d)).to_json(),
                    )
                    .end(),
            )
            .end(),
        None => r#"{"isUpdated":true,"nextStep":{"updateAttributeStep":"DONE"}}"#.into(),
    }
}

/// A date in Cognito's epoch seconds as epoch milliseconds (the package makes a `Date`).
fn date_ms(v: Option<&Json>) -> Option<String> {
    let s = v?.as_f64()?;
    // Rounded to the millisecond (`as` saturates; no date is negative).
    Some(json::int((s * 1000.0 + 0.5) as i64))
}

/// One device of `ListDevices` in Amplify's `AuthDevice` shape.
fn device_json(d: &Json) -> String {
    let mut attrs = Obj::new();
    let mut name = None;
    if let Some(Json::Arr(list)) = d.get("DeviceAttributes") {
        for a in list {
            if let (Some(n), Some(v)) = (a.str("Name"), a.get("Value")) {
                if n == "device_name" {
                    name = v.as_str();
                }
                attrs = attrs.value(n, v);
            }
        }
    }
    let mut o = Obj::new()
        .opt_str("id", d.str("DeviceKey"))
        .opt_str("name", name)
        .raw("attributes", &attrs.end());
    for (key, field) in [
        ("createDate", "DeviceCreateDate"),
        ("lastAuthenticatedDate", "DeviceLastAuthenticatedDate"),
        ("lastModifiedDate", "DeviceLastModifiedDate"),
    ] {
        if let Some(ms) = date_ms(d.get(field)) {
            o = o.raw(key, &ms);
        }
    }
    o.end()
}

/// What the call returns to the app (JSON; `null` for the calls that return nothing),
/// from Cognito's successful reply. `user`: the name `setUpTOTP` shows in its URI.
pub fn result(op: AccountOp, input: &Json, user: &str, reply: &Json) -> Result<String, AuthError> {
    use AccountOp::*;
    Ok(match op {
        ResetPassword => Obj::new()
            .bool("isPasswordReset", false)
            .raw(
                "nextStep",
                &Obj::new()
                    .str("resetPasswordStep", "CONFIRM_RESET_PASSWORD_WITH_CODE")
                    .raw(
                        "codeDeliveryDetails",
                        &CodeDelivery::read(reply.get("CodeDeliveryDetails")).to_json(),
                    )
                    .end(),
            )
            .end(),
        FetchUserAttributes => {
            let mut o = Obj::new();
            if let Some(Json::Arr(list)) = reply.get("UserAttributes") {
                for a in list {
                    if let (Some(n), Some(v)) = (a.str("Name"), a.get("Value")) {
                        o = o.value(n, v);
                    }
                }
            }
            o.end()
        }
        UpdateUserAttributes => {
            let mut o = Obj::new();
            if let Some(attrs) = input.get("userAttributes") {
                for (k, _) in attrs.members() {
                    o = o.raw(k, &attribute_result(k, reply));
                }
            }
            o.end()
        }
        UpdateUserAttribute => attribute_result(one_attribute(input)?.0, reply),
        SendUserAttributeVerificationCode => {
            CodeDelivery::read(reply.get("CodeDeliveryDetails")).to_json()
        }
        SetUpTotp => {
            let secret = reply.str("SecretCode").ok_or_else(|| {
                AuthError::bad_reply("AssociateSoftwareToken returned no SecretCode")
            })?;
            Obj::new()
                .str("sharedSecret", secret)
                .str("username", user)
                .end()
        }
        VerifyTotpSetup => {
            if reply.str("Status").is_some_and(|s| s != "SUCCESS") {
                return Err(AuthError::new(
                    "CodeMismatchException",
                    "The TOTP code was not accepted.",
                )
                .with_recovery("Enter the current code from the authenticator app."));
            }
            "null".into()
        }
        FetchMfaPreference => {
            let mut o = Obj::new().opt_str(
                "preferred",
                reply.str("PreferredMfaSetting").and_then(mfa_type),
            );
            if let Some(Json::Arr(list)) = reply.get("UserMFASettingList") {
                let enabled: Vec<Json> = list
                    .iter()
                    .filter_map(|v| v.as_str().and_then(mfa_type))
                    .map(|t| Json::Str(t.into()))
                    .collect();
                if !enabled.is_empty() {
                    o = o.value("enabled", &Json::Arr(enabled));
                }
            }
            o.end()
        }
        FetchDevices => json::array(items(reply, "Devices").iter().map(device_json)),
        // The options for the browser's navigator.credentials.create, as Cognito sent them.
        StartWebAuthnRegistration => match reply.get("CredentialCreationOptions") {
            Some(o) if o.is_object() => {
                let mut s = String::new();
                json::write(o, &mut s);
                s
            }
            _ => {
                return Err(AuthError::validation(
                    "InvalidPasskeyRegistrationOptions",
                    "Invalid passkey registration options.",
                    "Ensure your user pool is configured to support the WEB_AUTHN as an authentication factor.",
                ))
            }
        },
        ListWebAuthnCredentials => {
            let list = json::array(items(reply, "Credentials").iter().map(|c| {
                let mut o = Obj::new()
                    .opt_str("credentialId", c.str("CredentialId"))
                    .opt_str("friendlyCredentialName", c.str("FriendlyCredentialName"))
                    .opt_str("relyingPartyId", c.str("RelyingPartyId"))
                    .opt_str("authenticatorAttachment", c.str("AuthenticatorAttachment"));
                if let Some(t @ Json::Arr(_)) = c.get("AuthenticatorTransports") {
                    o = o.value("authenticatorTransports", t);
                }
                // Epoch seconds; the package makes a Date of these milliseconds.
                if let Some(s) = c.get("CreatedAt").and_then(Json::as_f64) {
                    o = o.value("createdAt", &Json::Num(((s * 1000.0) as i64) as f64));
                }
                o.end()
            }));
            Obj::new()
                .raw("credentials", &list)
                .opt_str("nextToken", reply.str("NextToken"))
                .end()
        }
        ConfirmResetPassword | UpdatePassword | ConfirmUserAttribute | DeleteUserAttributes
        | DeleteUser | UpdateMfaPreference | RememberDevice | ForgetDevice
        | CompleteWebAuthnRegistration | DeleteWebAuthnCredential => "null".into(),
    })
}
