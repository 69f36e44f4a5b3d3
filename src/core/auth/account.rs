//! Calls on the signed-in user's account: passwords, attributes, MFA, deletion.

use super::*;

/// `SMS_MFA` → `SMS`, … (Amplify's MFA type names).
pub(super) fn mfa_type(cognito: &str) -> Option<&'static str> {
    match cognito {
        "SMS_MFA" => Some("SMS"),
        "SOFTWARE_TOKEN_MFA" => Some("TOTP"),
        "EMAIL_OTP" => Some("EMAIL"),
        _ => None,
    }
}

fn mfa_setting(v: Option<&Value>, field: &str) -> Result<Option<Value>, AuthError> {
    Ok(match v.and_then(Value::as_str) {
        None => None,
        Some("ENABLED") => Some(json!({ "Enabled": true })),
        Some("DISABLED") => Some(json!({ "Enabled": false })),
        Some("PREFERRED") => Some(json!({ "Enabled": true, "PreferredMfa": true })),
        Some("NOT_PREFERRED") => Some(json!({ "Enabled": true, "PreferredMfa": false })),
        Some(_) => {
            return Err(AuthError::validation(
                "InvalidParameterException",
                &format!("{field} must be ENABLED, DISABLED, PREFERRED or NOT_PREFERRED."),
                "Pass one of the four MFA preference values.",
            ))
        }
    })
}

fn attribute_result(name: &str, pending: &Map<String, Value>) -> Value {
    match pending.get(name) {
        Some(d) => json!({
            "isUpdated": false,
            "nextStep": { "updateAttributeStep": "CONFIRM_ATTRIBUTE_WITH_CODE", "codeDeliveryDetails": code_delivery(Some(d)) },
        }),
        None => json!({ "isUpdated": true, "nextStep": { "updateAttributeStep": "DONE" } }),
    }
}

impl<E: Env> Auth<E> {
    /// The signed-in user's session (refreshed if needed), or `UserUnAuthenticatedException`.
    pub(super) async fn signed_in(&self, cfg: &CognitoConfig) -> Result<Session, AuthError> {
        self.current_session(cfg, false)
            .await?
            .ok_or_else(AuthError::not_signed_in)
    }

    pub async fn reset_password(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptyResetPasswordUsername",
            "username is required to resetPassword",
        )?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username });
        i.options()?.add_client_metadata(&mut body)?;
        let r = self.call(&cfg, "ForgotPassword", body).await?;
        Ok(json!({
            "isPasswordReset": false,
            "nextStep": {
                "resetPasswordStep": "CONFIRM_RESET_PASSWORD_WITH_CODE",
                "codeDeliveryDetails": code_delivery(r.get("CodeDeliveryDetails")),
            },
        }))
    }

    pub async fn confirm_reset_password(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptyConfirmResetPasswordUsername",
            "username is required to confirmResetPassword",
        )?;
        let password = i.required(
            "newPassword",
            "EmptyConfirmResetPasswordNewPassword",
            "newPassword is required to confirmResetPassword",
        )?;
        let code = i.required(
            "confirmationCode",
            "EmptyConfirmResetPasswordConfirmationCode",
            "confirmationCode is required to confirmResetPassword",
        )?;
        let mut body = json!({
            "ClientId": cfg.user_pool_client_id,
            "Username": username,
            "ConfirmationCode": code,
            "Password": password,
        });
        i.options()?.add_client_metadata(&mut body)?;
        self.call(&cfg, "ConfirmForgotPassword", body).await?;
        Ok(Value::Null)
    }

    pub async fn update_password(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let msg = "oldPassword and newPassword are required to changePassword";
        let old = i.required("oldPassword", "EmptyUpdatePassword", msg)?;
        let new = i.required("newPassword", "EmptyUpdatePassword", msg)?;
        let s = self.signed_in(&cfg).await?;
        let body = json!({ "AccessToken": s.access_token, "PreviousPassword": old, "ProposedPassword": new });
        self.call(&cfg, "ChangePassword", body).await?;
        Ok(Value::Null)
    }

    async fn get_user(&self, cfg: &CognitoConfig) -> Result<Map<String, Value>, AuthError> {
        let s = self.signed_in(cfg).await?;
        self.call(cfg, "GetUser", json!({ "AccessToken": s.access_token }))
            .await
    }

    pub async fn fetch_user_attributes(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let r = self.get_user(&cfg).await?;
        let mut out = Map::new();
        if let Some(Value::Array(list)) = r.get("UserAttributes") {
            for a in list {
                if let (Some(n), Some(v)) = (a.get("Name").and_then(Value::as_str), a.get("Value"))
                {
                    out.insert(n.to_string(), v.clone());
                }
            }
        }
        Ok(Value::Object(out))
    }

    async fn update_attributes(
        &self,
        cfg: &CognitoConfig,
        attrs: &Map<String, Value>,
        metadata: Option<&Map<String, Value>>,
    ) -> Result<Map<String, Value>, AuthError> {
        let s = self.signed_in(cfg).await?;
        let mut body =
            json!({ "AccessToken": s.access_token, "UserAttributes": name_value_list(attrs) });
        if let Some(m) = metadata {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        let r = self.call(cfg, "UpdateUserAttributes", body).await?;
        // Attributes Cognito sent a code for still need confirming.
        let mut pending = Map::new();
        if let Some(Value::Array(list)) = r.get("CodeDeliveryDetailsList") {
            for d in list {
                if let Some(n) = d.get("AttributeName").and_then(Value::as_str) {
                    pending.insert(n.to_string(), d.clone());
                }
            }
        }
        Ok(pending)
    }

    pub async fn update_user_attributes(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let attrs = i.string_map("userAttributes")?.ok_or_else(|| {
            AuthError::validation(
                "EmptyUpdateUserAttributes",
                "userAttributes is required to updateUserAttributes",
                "Pass userAttributes as { name: \"value\" }.",
            )
        })?;
        let pending = self
            .update_attributes(&cfg, attrs, i.options()?.string_map("clientMetadata")?)
            .await?;
        let mut out = Map::new();
        for k in attrs.keys() {
            out.insert(k.clone(), attribute_result(k, &pending));
        }
        Ok(Value::Object(out))
    }

    pub async fn update_user_attribute(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let missing = || {
            AuthError::validation(
                "EmptyUpdateUserAttributes",
                "userAttribute is required to updateUserAttribute",
                "Pass userAttribute as { attributeKey, value }.",
            )
        };
        let a = match i.get("userAttribute") {
            Some(Value::Object(m)) => Input(Some(m)),
            _ => return Err(missing()),
        };
        let key = a.required(
            "attributeKey",
            "EmptyUpdateUserAttributes",
            "attributeKey is required to updateUserAttribute",
        )?;
        let value = a.opt_str("value")?.unwrap_or("");
        let mut attrs = Map::new();
        attrs.insert(key.to_string(), value.into());
        let pending = self
            .update_attributes(&cfg, &attrs, i.options()?.string_map("clientMetadata")?)
            .await?;
        Ok(attribute_result(key, &pending))
    }

    pub async fn confirm_user_attribute(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let key = i.required(
            "userAttributeKey",
            "EmptyConfirmUserAttributeKey",
            "userAttributeKey is required to confirmUserAttribute",
        )?;
        let code = i.required(
            "confirmationCode",
            "EmptyConfirmUserAttributeCode",
            "confirmation code is required to confirmUserAttribute",
        )?;
        let s = self.signed_in(&cfg).await?;
        let body = json!({ "AccessToken": s.access_token, "AttributeName": key, "Code": code });
        self.call(&cfg, "VerifyUserAttribute", body).await?;
        Ok(Value::Null)
    }

    pub async fn send_user_attribute_verification_code(
        &self,
        input: &Value,
    ) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let key = i.required(
            "userAttributeKey",
            "EmptyUserAttributeKey",
            "userAttributeKey is required to sendUserAttributeVerificationCode",
        )?;
        let s = self.signed_in(&cfg).await?;
        let mut body = json!({ "AccessToken": s.access_token, "AttributeName": key });
        i.options()?.add_client_metadata(&mut body)?;
        let r = self
            .call(&cfg, "GetUserAttributeVerificationCode", body)
            .await?;
        Ok(code_delivery(r.get("CodeDeliveryDetails")))
    }

    pub async fn delete_user_attributes(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let keys: Vec<&str> = match i.get("userAttributeKeys") {
            Some(Value::Array(a)) if !a.is_empty() && a.iter().all(Value::is_string) => {
                a.iter().filter_map(Value::as_str).collect()
            }
            _ => {
                return Err(AuthError::validation(
                    "EmptyDeleteUserAttributesKeys",
                    "userAttributeKeys is required to deleteUserAttributes",
                    "Pass a non-empty list of attribute names.",
                ))
            }
        };
        let s = self.signed_in(&cfg).await?;
        let body = json!({ "AccessToken": s.access_token, "UserAttributeNames": keys });
        self.call(&cfg, "DeleteUserAttributes", body).await?;
        Ok(Value::Null)
    }

    /// Deletes the user, then clears the session and the remembered device.
    pub async fn delete_user(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let s = self.signed_in(&cfg).await?;
        self.call(&cfg, "DeleteUser", json!({ "AccessToken": s.access_token }))
            .await?;
        self.bump_generation();
        session::clear(&self.env, &cfg.user_pool_client_id).await?;
        session::clear_device(&self.env, &cfg.user_pool_client_id, &s.username).await?;
        self.env.emit("signedOut", None);
        Ok(Value::Null)
    }

    /// Starts TOTP set-up for a signed-in user; the package adds `getSetupUri`.
    pub async fn set_up_totp(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let s = self.signed_in(&cfg).await?;
        let r = self
            .call(
                &cfg,
                "AssociateSoftwareToken",
                json!({ "AccessToken": s.access_token }),
            )
            .await?;
        let secret = protocol::str_of(&r, "SecretCode")
            .ok_or_else(|| AuthError::bad_reply("AssociateSoftwareToken returned no SecretCode"))?;
        let username = jwt::str_claim(&s.access_claims, "username").unwrap_or(&s.username);
        Ok(json!({ "sharedSecret": secret, "username": username }))
    }

    pub async fn verify_totp_setup(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let code = i.required(
            "code",
            "EmptyVerifyTOTPSetupCode",
            "code is required to verifyTotpSetup",
        )?;
        let s = self.signed_in(&cfg).await?;
        let mut body = json!({ "AccessToken": s.access_token, "UserCode": code });
        if let Some(n) = i.options()?.opt_str("friendlyDeviceName")? {
            body["FriendlyDeviceName"] = n.into();
        }
        let r = self.call(&cfg, "VerifySoftwareToken", body).await?;
        if protocol::str_of(&r, "Status").is_some_and(|st| st != "SUCCESS") {
            return Err(
                AuthError::new("CodeMismatchException", "The TOTP code was not accepted.")
                    .with_recovery("Enter the current code from the authenticator app."),
            );
        }
        Ok(Value::Null)
    }

    pub async fn update_mfa_preference(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let mut body = json!({});
        for (field, key) in [
            ("sms", "SMSMfaSettings"),
            ("totp", "SoftwareTokenMfaSettings"),
            ("email", "EmailMfaSettings"),
        ] {
            if let Some(v) = mfa_setting(i.get(field), field)? {
                body[key] = v;
            }
        }
        let s = self.signed_in(&cfg).await?;
        body["AccessToken"] = s.access_token.into();
        self.call(&cfg, "SetUserMFAPreference", body).await?;
        Ok(Value::Null)
    }

    pub async fn fetch_mfa_preference(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let r = self.get_user(&cfg).await?;
        let mut out = json!({});
        if let Some(p) = protocol::str_of(&r, "PreferredMfaSetting").and_then(mfa_type) {
            out["preferred"] = p.into();
        }
        if let Some(Value::Array(list)) = r.get("UserMFASettingList") {
            let enabled: Vec<&str> = list
                .iter()
                .filter_map(|v| v.as_str().and_then(mfa_type))
                .collect();
            if !enabled.is_empty() {
                out["enabled"] = json!(enabled);
            }
        }
        Ok(out)
    }
}
