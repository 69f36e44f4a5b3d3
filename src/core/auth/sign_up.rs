//! signUp, confirmSignUp, resendSignUpCode.
use super::*;

impl<E: Env> Auth<E> {
    // ---- sign-up ----

    pub async fn sign_up(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptySignUpUsername",
            "username is required to signUp",
        )?;
        let password = i.opt_str("password")?;
        let o = i.options()?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username });
        if let Some(p) = password.filter(|p| !p.is_empty()) {
            body["Password"] = p.into();
        }
        if let Some(a) = o.string_map("userAttributes")? {
            body["UserAttributes"] = name_value_list(a);
        }
        if let Some(v) = o.string_map("validationData")? {
            body["ValidationData"] = name_value_list(v);
        }
        if let Some(m) = o.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        let r = self.call(&cfg, "SignUp", body).await?;
        let user_id = r.get("UserSub").cloned().unwrap_or(Value::Null);
        if r.get("UserConfirmed").and_then(Value::as_bool) == Some(true) {
            return Ok(
                json!({ "isSignUpComplete": true, "userId": user_id, "nextStep": { "signUpStep": "DONE" } }),
            );
        }
        Ok(json!({
            "isSignUpComplete": false,
            "userId": user_id,
            "nextStep": { "signUpStep": "CONFIRM_SIGN_UP", "codeDeliveryDetails": code_delivery(r.get("CodeDeliveryDetails")) },
        }))
    }

    pub async fn confirm_sign_up(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptyConfirmSignUpUsername",
            "username is required to confirmSignUp",
        )?;
        let code = i.required(
            "confirmationCode",
            "EmptyConfirmSignUpCode",
            "code is required to confirmSignUp",
        )?;
        let o = i.options()?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username, "ConfirmationCode": code });
        if let Some(m) = o.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        if let Some(Value::Bool(f)) = o.get("forceAliasCreation") {
            body["ForceAliasCreation"] = (*f).into();
        }
        self.call(&cfg, "ConfirmSignUp", body).await?;
        Ok(json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "DONE" } }))
    }

    pub async fn resend_sign_up_code(&self, input: &Value) -> Result<Value, AuthError> {
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptySignUpUsername",
            "username is required to signUp",
        )?;
        let cfg = self.cfg()?;
        let mut body = json!({ "ClientId": cfg.user_pool_client_id, "Username": username });
        if let Some(m) = i.options()?.string_map("clientMetadata")? {
            body["ClientMetadata"] = Value::Object(m.clone());
        }
        let r = self.call(&cfg, "ResendConfirmationCode", body).await?;
        Ok(code_delivery(r.get("CodeDeliveryDetails")))
    }
}
