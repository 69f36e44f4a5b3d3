//! signIn flows and confirmSignIn.
use super::*;

impl<E: Env> Auth<E> {
    // ---- sign-in ----

    pub async fn sign_in(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let username = i.required(
            "username",
            "EmptySignInUsername",
            "username is required to signIn",
        )?;
        let o = i.options()?;
        let flow = o.opt_str("authFlowType")?.unwrap_or("USER_SRP_AUTH");
        let password = i.opt_str("password")?.unwrap_or("");
        if password.is_empty() && matches!(flow, "USER_SRP_AUTH" | "USER_PASSWORD_AUTH") {
            return Err(AuthError::validation(
                "EmptySignInPassword",
                "password is required to signIn",
                "Pass a non-empty password.",
            ));
        }
        let metadata = o
            .string_map("clientMetadata")?
            .map(|m| Value::Object(m.clone()));
        // Amplify swallows errors here: a dead stored session must not block a new sign-in.
        if let Ok(Some(s)) = self.current_session(&cfg, false).await {
            let id = s.id_claims.as_ref().unwrap_or(&s.access_claims);
            if jwt::str_claim(id, "sub").is_some() {
                return Err(AuthError::new(
                    "UserAlreadyAuthenticatedException",
                    "There is already a signed in user.",
                )
                .with_recovery("Call signOut before calling signIn again."));
            }
        }
        *self.pending.borrow_mut() = None;
        let result = match flow {
            "USER_SRP_AUTH" => self.sign_in_srp(&cfg, username, password, metadata).await,
            "USER_PASSWORD_AUTH" => {
                self.sign_in_password(&cfg, username, password, metadata)
                    .await
            }
            other => Err(AuthError::validation(
                "InvalidParameterException",
                &format!("authFlowType {other} is not supported here."),
                "Use USER_SRP_AUTH (the default) or USER_PASSWORD_AUTH.",
            )),
        };
        map_sign_in_errors(result)
    }

    pub(super) async fn sign_in_srp(
        &self,
        cfg: &CognitoConfig,
        username: &str,
        password: &str,
        metadata: Option<Value>,
    ) -> Result<Value, AuthError> {
        let mut random = Zeroizing::new([0u8; A_RANDOM_BYTES]);
        self.env.fill_random(&mut random[..])?;
        let srp = SrpClient::new(&random)?;
        let mut body = json!({
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": cfg.user_pool_client_id,
            "AuthParameters": { "USERNAME": username, "SRP_A": srp.public_hex() },
        });
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let r = self.call(cfg, "InitiateAuth", body).await?;
        if str_of(&r, "ChallengeName") != Some("PASSWORD_VERIFIER") {
            return Err(AuthError::bad_reply(
                "USER_SRP_AUTH did not answer with PASSWORD_VERIFIER",
            ));
        }
        let p = challenge_params(&r)?;
        let param = |k: &str| {
            str_of(&p, k)
                .ok_or_else(|| AuthError::bad_reply(&format!("ChallengeParameters.{k} is missing")))
        };
        let user_id = param("USER_ID_FOR_SRP")?;
        let active_username = str_of(&p, "USERNAME").unwrap_or(username).to_string();
        let claim = srp.password_claim(
            &cfg.user_pool_id,
            user_id,
            password,
            param("SALT")?,
            param("SRP_B")?,
            param("SECRET_BLOCK")?,
            self.env.now_ms(),
        )?;
        let mut body = json!({
            "ChallengeName": "PASSWORD_VERIFIER",
            "ClientId": cfg.user_pool_client_id,
            "ChallengeResponses": {
                "USERNAME": user_id,
                "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
                "TIMESTAMP": claim.timestamp,
                "PASSWORD_CLAIM_SIGNATURE": claim.signature,
            },
        });
        if let Some(s) = str_of(&r, "Session") {
            body["Session"] = s.into();
        }
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let r = self.call(cfg, "RespondToAuthChallenge", body).await?;
        self.handle_auth_reply(
            cfg,
            &r,
            &active_username,
            username,
            "USER_SRP_AUTH",
            metadata,
        )
        .await
    }

    pub(super) async fn sign_in_password(
        &self,
        cfg: &CognitoConfig,
        username: &str,
        password: &str,
        metadata: Option<Value>,
    ) -> Result<Value, AuthError> {
        let mut body = json!({
            "AuthFlow": "USER_PASSWORD_AUTH",
            "ClientId": cfg.user_pool_client_id,
            "AuthParameters": { "USERNAME": username, "PASSWORD": password },
        });
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let r = self.call(cfg, "InitiateAuth", body).await?;
        let p = challenge_params(&r)?;
        let active = str_of(&p, "USERNAME")
            .or_else(|| str_of(&p, "USER_ID_FOR_SRP"))
            .unwrap_or(username)
            .to_string();
        self.handle_auth_reply(cfg, &r, &active, username, "USER_PASSWORD_AUTH", metadata)
            .await
    }

    /// Stores tokens on success, or records the next challenge for `confirmSignIn`.
    pub(super) async fn handle_auth_reply(
        &self,
        cfg: &CognitoConfig,
        r: &Map<String, Value>,
        active_username: &str,
        login_id: &str,
        auth_flow: &str,
        metadata: Option<Value>,
    ) -> Result<Value, AuthError> {
        if let Some(Value::Object(result)) = r.get("AuthenticationResult") {
            let details = json!({ "loginId": login_id, "authFlowType": auth_flow });
            let s = Session::from_result(
                active_username,
                result,
                None,
                Some(details),
                self.env.now_ms(),
            )?;
            self.bump_generation();
            session::store(&self.env, &cfg.user_pool_client_id, &s).await?;
            *self.pending.borrow_mut() = None;
            return Ok(signed_in_done());
        }
        let Some(challenge) = str_of(r, "ChallengeName") else {
            return Err(AuthError::bad_reply(
                "neither AuthenticationResult nor ChallengeName was returned",
            ));
        };
        let p = challenge_params(r)?;
        let username = str_of(&p, "USERNAME")
            .unwrap_or(active_username)
            .to_string();
        let step = match challenge {
            "NEW_PASSWORD_REQUIRED" => {
                let missing: Vec<Value> = str_of(&p, "requiredAttributes")
                    .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|a| a.trim_start_matches("userAttributes.").to_string().into())
                    .collect();
                json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED", "missingAttributes": missing })
            }
            "SMS_MFA" | "SMS_OTP" | "EMAIL_OTP" => json!({
                "signInStep": if challenge == "EMAIL_OTP" { "CONFIRM_SIGN_IN_WITH_EMAIL_CODE" } else { "CONFIRM_SIGN_IN_WITH_SMS_CODE" },
                "codeDeliveryDetails": {
                    "deliveryMedium": p.get("CODE_DELIVERY_DELIVERY_MEDIUM"),
                    "destination": p.get("CODE_DELIVERY_DESTINATION"),
                },
            }),
            "SOFTWARE_TOKEN_MFA" => json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_TOTP_CODE" }),
            "CUSTOM_CHALLENGE" => json!({ "signInStep": "CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE", "additionalInfo": p }),
            "SELECT_MFA_TYPE" => {
                let allowed: Vec<Value> = str_of(&p, "MFAS_CAN_CHOOSE")
                    .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|m| match m.as_str() {
                        "SMS_MFA" => Some("SMS".into()),
                        "SOFTWARE_TOKEN_MFA" => Some("TOTP".into()),
                        "EMAIL_OTP" => Some("EMAIL".into()),
                        _ => None,
                    })
                    .collect();
                json!({ "signInStep": "CONTINUE_SIGN_IN_WITH_MFA_SELECTION", "allowedMFATypes": allowed })
            }
            other => {
                return Err(AuthError::new(
                    "SignInException",
                    format!("An error occurred during the sign in process. {other} challengeName returned by the underlying service was not addressed."),
                )
                .with_recovery("This challenge is not supported yet by cognito-wasm."))
            }
        };
        *self.pending.borrow_mut() = Some(Pending {
            challenge: challenge.to_string(),
            session: str_of(r, "Session").map(str::to_string),
            username,
            login_id: login_id.to_string(),
            auth_flow: auth_flow.to_string(),
            client_metadata: metadata,
        });
        Ok(json!({ "isSignedIn": false, "nextStep": step }))
    }

    /// Answers the pending challenge (`challengeResponse` as in Amplify).
    pub async fn confirm_sign_in(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let answer = i.required(
            "challengeResponse",
            "EmptyChallengeResponse",
            "challengeResponse is required to confirmSignIn",
        )?;
        let Some(p) = self.pending.borrow().clone() else {
            return Err(AuthError::new(
                "SignInException",
                "Make sure a successful call to signIn is made before calling confirmSignIn and that the session has not expired.",
            )
            .with_recovery("Call signIn first; a pending challenge expires after 3 minutes."));
        };
        let o = i.options()?;
        let mut responses = json!({ "USERNAME": p.username });
        match p.challenge.as_str() {
            "NEW_PASSWORD_REQUIRED" => {
                responses["NEW_PASSWORD"] = answer.into();
                if let Some(attrs) = o.string_map("userAttributes")? {
                    for (k, v) in attrs {
                        responses[format!("userAttributes.{k}")] = v.clone();
                    }
                }
            }
            "SMS_MFA" => responses["SMS_MFA_CODE"] = answer.into(),
            "SMS_OTP" => responses["SMS_OTP_CODE"] = answer.into(),
            "EMAIL_OTP" => responses["EMAIL_OTP_CODE"] = answer.into(),
            "SOFTWARE_TOKEN_MFA" => responses["SOFTWARE_TOKEN_MFA_CODE"] = answer.into(),
            "CUSTOM_CHALLENGE" => responses["ANSWER"] = answer.into(),
            "SELECT_MFA_TYPE" => {
                responses["ANSWER"] = match answer {
                    "SMS" => "SMS_MFA",
                    "TOTP" => "SOFTWARE_TOKEN_MFA",
                    "EMAIL" => "EMAIL_OTP",
                    _ => {
                        return Err(AuthError::validation(
                            "IncorrectMFAMethod",
                            "The MFA method must be one of SMS, TOTP or EMAIL.",
                            "Pass one of the allowedMFATypes.",
                        ))
                    }
                }
                .into()
            }
            _ => unreachable!("only supported challenges are stored"),
        }
        let mut body = json!({ "ChallengeName": p.challenge, "ClientId": cfg.user_pool_client_id, "ChallengeResponses": responses });
        if let Some(s) = &p.session {
            body["Session"] = s.clone().into();
        }
        let metadata = o
            .string_map("clientMetadata")?
            .map(|m| Value::Object(m.clone()))
            .or(p.client_metadata.clone());
        if let Some(m) = &metadata {
            body["ClientMetadata"] = m.clone();
        }
        let result = match self.call(&cfg, "RespondToAuthChallenge", body).await {
            Ok(r) => {
                self.handle_auth_reply(&cfg, &r, &p.username, &p.login_id, &p.auth_flow, metadata)
                    .await
            }
            Err(e) => Err(e),
        };
        map_sign_in_errors(result)
    }
}
