//! signUp, confirmSignUp, resendSignUpCode and autoSignIn.

use super::*;

/// How long a sign-up may be followed by `autoSignIn`, as Amplify.
const AUTO_SIGN_IN_TTL_MS: f64 = 180_000.0;

fn auto_sign_in_error() -> AuthError {
    AuthError::new(
        "AutoSignInException",
        "The autoSignIn flow has not started, or has been cancelled/completed.",
    )
    .with_recovery(
        "Please try to use the signIn API or log out before starting a new autoSignIn flow.",
    )
}

impl<E: Env> Auth<E> {
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
        o.add_client_metadata(&mut body)?;
        // `autoSignIn: true` or the signIn options to use later.
        let auto_options = match o.get("autoSignIn") {
            Some(Value::Bool(true)) => Some(json!({})),
            Some(Value::Object(m)) => Some(Value::Object(m.clone())),
            _ => None,
        };
        let r = self.call(&cfg, "SignUp", body).await?;
        let user_id = r.get("UserSub").cloned().unwrap_or(Value::Null);
        let confirmed = r.get("UserConfirmed").and_then(Value::as_bool) == Some(true);
        let link = cfg.normalised["Auth"]["Cognito"]["signUpVerificationMethod"] == "link";
        *self.auto.borrow_mut() = auto_options.map(|options| AutoSignIn {
            username: username.to_string(),
            password: Zeroizing::new(password.unwrap_or("").to_string()),
            options,
            session: str_of(&r, "Session").map(str::to_string),
            armed: confirmed || link,
            expiry_ms: self.env.now_ms() + AUTO_SIGN_IN_TTL_MS,
        });
        let auto = self.auto.borrow().is_some();
        let delivery = code_delivery(r.get("CodeDeliveryDetails"));
        Ok(match (confirmed, auto) {
            (true, false) => {
                json!({ "isSignUpComplete": true, "userId": user_id, "nextStep": { "signUpStep": "DONE" } })
            }
            (true, true) => {
                json!({ "isSignUpComplete": true, "userId": user_id, "nextStep": { "signUpStep": "COMPLETE_AUTO_SIGN_IN" } })
            }
            (false, true) if link => json!({
                "isSignUpComplete": false,
                "userId": user_id,
                "nextStep": { "signUpStep": "COMPLETE_AUTO_SIGN_IN", "codeDeliveryDetails": delivery },
            }),
            (false, _) => json!({
                "isSignUpComplete": false,
                "userId": user_id,
                "nextStep": { "signUpStep": "CONFIRM_SIGN_UP", "codeDeliveryDetails": delivery },
            }),
        })
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
        o.add_client_metadata(&mut body)?;
        if let Some(Value::Bool(f)) = o.get("forceAliasCreation") {
            body["ForceAliasCreation"] = (*f).into();
        }
        let now = self.env.now_ms();
        let session = self
            .auto
            .borrow()
            .as_ref()
            .filter(|a| a.username == username && a.expiry_ms > now)
            .and_then(|a| a.session.clone());
        if let Some(s) = session {
            // Cognito links the confirmation to the sign-up it belongs to.
            body["Session"] = s.into();
        }
        let r = self.call(&cfg, "ConfirmSignUp", body).await?;
        let now = self.env.now_ms();
        let mut auto = self.auto.borrow_mut();
        match auto.as_mut() {
            Some(a) if a.username == username && a.expiry_ms > now => {
                a.armed = true;
                a.session = str_of(&r, "Session").map(str::to_string);
                a.expiry_ms = now + AUTO_SIGN_IN_TTL_MS;
                Ok(
                    json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "COMPLETE_AUTO_SIGN_IN" } }),
                )
            }
            _ => {
                *auto = None;
                Ok(json!({ "isSignUpComplete": true, "nextStep": { "signUpStep": "DONE" } }))
            }
        }
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
        i.options()?.add_client_metadata(&mut body)?;
        let r = self.call(&cfg, "ResendConfirmationCode", body).await?;
        Ok(code_delivery(r.get("CodeDeliveryDetails")))
    }

    /// Signs in the user who just signed up with `options.autoSignIn`.
    pub async fn auto_sign_in(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let now = self.env.now_ms();
        // Only a confirmed sign-up is consumed; an early call leaves it waiting.
        let ready = matches!(self.auto.borrow().as_ref(), Some(a) if a.armed && a.expiry_ms > now);
        let taken = if ready {
            self.auto.borrow_mut().take()
        } else {
            None
        };
        let Some(a) = taken else {
            return Err(auto_sign_in_error());
        };
        let flow = a
            .options
            .get("authFlowType")
            .and_then(Value::as_str)
            .unwrap_or("USER_SRP_AUTH");
        let preferred = a.options.get("preferredChallenge").and_then(Value::as_str);
        if let (Some(session), "USER_AUTH", false) =
            (&a.session, flow, preferred == Some("PASSWORD_SRP"))
        {
            // The confirmation session signs in without the password.
            let ctx = sign_in::Ctx {
                username: a.username.clone(),
                login_id: a.username.clone(),
                auth_flow: "USER_AUTH".into(),
                metadata: a.options.get("clientMetadata").cloned(),
            };
            let r = self
                .flow_user_auth(&cfg, &ctx, &a.password, preferred, Some(session))
                .await;
            return map_sign_in_errors(r);
        }
        let mut input = json!({ "username": a.username, "options": a.options });
        if flow != "CUSTOM_WITHOUT_SRP" {
            input["password"] = a.password.as_str().into();
        }
        let r = self.sign_in(&input).await;
        // Scrub the copy held in the JSON value.
        if let Some(Value::String(p)) = input.get_mut("password") {
            zeroize::Zeroize::zeroize(p);
        }
        r
    }
}
