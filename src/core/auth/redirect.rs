//! signInWithRedirect: the hosted UI with PKCE, completing on the redirect back,
//! and the hosted UI's logout on signOut.

use super::*;
use crate::core::oauth::{self, AuthorizeOptions, Redirect};

/// Amplify's OAuth store keys (per app client).
fn key(client: &str, name: &str) -> String {
    format!("CognitoIdentityServiceProvider.{client}.{name}")
}

fn not_configured() -> AuthError {
    AuthError::new("OAuthNotConfigureException", "oauth param not configured.")
        .with_recovery("Configure Auth.Cognito.loginWith.oauth (domain, scopes, redirectSignIn, redirectSignOut, responseType).")
}

/// Provider names as Amplify maps them to Cognito's `identity_provider`.
fn provider_name(p: &str) -> &str {
    match p {
        "Amazon" => "LoginWithAmazon",
        "Apple" => "SignInWithApple",
        other => other,
    }
}

impl<E: Env> Auth<E> {
    pub async fn sign_in_with_redirect(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let oauth = cfg.oauth.clone().ok_or_else(not_configured)?;
        let i = Input::new(input)?;
        let o = i.options()?;
        let prompt = o.opt_str("prompt")?;
        if prompt.is_none() {
            if let Ok(Some(_)) = self.current_session(&cfg, false).await {
                return Err(AuthError::new(
                    "UserAlreadyAuthenticatedException",
                    "There is already a signed in user.",
                )
                .with_recovery("Call signOut before calling signInWithRedirect again."));
            }
        }
        let provider = match i.get("provider") {
            Some(Value::String(p)) => Some(provider_name(p).to_string()),
            Some(Value::Object(m)) => Input(Some(m)).opt_str("custom")?.map(str::to_string),
            Some(_) => {
                return Err(AuthError::validation(
                    "InvalidParameterException",
                    "provider must be a name such as \"Google\" or { custom: \"MyIdP\" }.",
                    "Pass a provider name, or omit it for the hosted UI.",
                ))
            }
            // No identity_provider: the hosted UI shows every provider the client allows
            // (Amplify pins COGNITO, which hides the social buttons on that page).
            None => None,
        };
        let current = self.env.current_url().unwrap_or_default();
        let redirect_uri = oauth::pick_redirect(&oauth.redirect_sign_in, &current)?;
        let mut random = Zeroizing::new([0u8; oauth::STATE_LEN + oauth::VERIFIER_LEN]);
        self.env.fill_random(&mut random[..])?;
        let state = oauth::state_with_custom(
            &oauth::random_string(&random[..oauth::STATE_LEN]),
            i.opt_str("customState")?,
        );
        let verifier = Zeroizing::new(oauth::random_string(&random[oauth::STATE_LEN..]));
        let client = &cfg.user_pool_client_id;
        self.env
            .set_item(&key(client, "inflightOAuth"), "true")
            .await?;
        self.env
            .set_item(&key(client, "oauthState"), &state)
            .await?;
        self.env
            .set_item(&key(client, "oauthPKCE"), &verifier)
            .await?;
        let opts = AuthorizeOptions {
            login_hint: o.opt_str("loginHint")?,
            lang: o.opt_str("lang")?,
            nonce: o.opt_str("nonce")?,
            prompt,
        };
        let url = oauth::authorize_url(
            &oauth,
            client,
            &redirect_uri,
            provider.as_deref(),
            &state,
            &verifier,
            &opts,
        );
        self.env.navigate(&url);
        Ok(Value::Null)
    }

    /// Run on page load: finishes a hosted UI sign-in this app started. Returns
    /// `{}` when there was nothing to finish.
    pub async fn complete_redirect(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let Some(oauth) = cfg.oauth.clone() else {
            return Ok(json!({}));
        };
        let client = cfg.user_pool_client_id.clone();
        // A code, token or error left in the address bar must go whatever happens
        // next: bookmarked, shared or reloaded, it would be replayed or leak.
        let clean = || {
            let current = self.env.current_url().unwrap_or_default();
            if let Some(url) = oauth::cleaned_callback(&current, &oauth.redirect_sign_in) {
                self.env.replace_url(&url);
            }
        };
        if self
            .env
            .get_item(&key(&client, "inflightOAuth"))
            .await?
            .as_deref()
            != Some("true")
        {
            clean();
            return Ok(json!({}));
        }
        match self.finish_redirect(&cfg, &oauth).await {
            Ok(v) => Ok(v),
            Err(e) => {
                clean();
                for k in ["inflightOAuth", "oauthState", "oauthPKCE"] {
                    let _ = self.env.remove_item(&key(&client, k)).await;
                }
                self.env.emit(
                    "signInWithRedirect_failure",
                    Some(json!({ "error": e.to_json() })),
                );
                Err(e)
            }
        }
    }

    async fn finish_redirect(
        &self,
        cfg: &CognitoConfig,
        oauth: &crate::core::config::OAuthConfig,
    ) -> Result<Value, AuthError> {
        let client = &cfg.user_pool_client_id;
        let current = self.env.current_url().unwrap_or_default();
        let redirect_uri = oauth::pick_redirect(&oauth.redirect_sign_in, &current)?;
        let saved_state = self.env.get_item(&key(client, "oauthState")).await?;
        let check_state = |state: Option<String>| -> Result<String, AuthError> {
            match (state, &saved_state) {
                (Some(s), Some(saved)) if &s == saved => Ok(s),
                _ => Err(oauth::state_mismatch()),
            }
        };
        let (result, state) = match oauth::read_redirect(&current, &oauth.response_type) {
            Redirect::Error { message } => return Err(oauth::provider_error(message)),
            Redirect::None => {
                return Err(oauth::provider_error("User cancelled OAuth flow.".into()))
            }
            Redirect::Tokens {
                access_token,
                id_token,
                state,
            } => {
                let state = check_state(state)?;
                (
                    json!({ "AccessToken": access_token, "IdToken": id_token }),
                    state,
                )
            }
            Redirect::Code { code, state } => {
                let state = check_state(state)?;
                let verifier = self.env.get_item(&key(client, "oauthPKCE")).await?;
                let req =
                    oauth::token_request(oauth, client, &code, &redirect_uri, verifier.as_deref());
                let resp = self.env.send(req).await?;
                let body = crate::core::json::parse(&resp.body).unwrap_or(Value::Null);
                if !(200..300).contains(&resp.status) || body.get("error").is_some() {
                    return Err(oauth::token_error(&body, resp.status));
                }
                let get = |k: &str| body.get(k).cloned().unwrap_or(Value::Null);
                (
                    json!({ "AccessToken": get("access_token"), "IdToken": get("id_token"), "RefreshToken": get("refresh_token") }),
                    state,
                )
            }
        };
        let result: Map<String, Value> = match result {
            Value::Object(m) => m.into_iter().filter(|(_, v)| !v.is_null()).collect(),
            _ => Map::new(),
        };
        let access = result
            .get("AccessToken")
            .and_then(Value::as_str)
            .unwrap_or("");
        let username = jwt::decode_payload(access)
            .ok()
            .and_then(|c| jwt::str_claim(&c, "username").map(str::to_string))
            .unwrap_or_else(|| "username".into());
        let s = Session::from_result(&username, &result, None, None, self.env.now_ms())?;
        self.bump_generation();
        if let Err(e) = session::store(&self.env, client, &s).await {
            let _ = session::clear_user(&self.env, client, &username).await;
            return Err(e);
        }
        self.env
            .set_item(
                &session::user_key(client, &username, "oauthMetadata"),
                r#"{"oauthSignIn":true}"#,
            )
            .await?;
        for k in ["inflightOAuth", "oauthState", "oauthPKCE"] {
            self.env.remove_item(&key(client, k)).await?;
        }
        self.env
            .set_item(&key(client, "oauthSignIn"), "true,false")
            .await?;
        self.clear_credentials().await;
        self.env.replace_url(&redirect_uri);
        let custom = oauth::custom_state(&state);
        if let Some(c) = &custom {
            self.env
                .emit("customOAuthState", Some(Value::String(c.clone())));
        }
        self.env.emit("signInWithRedirect", None);
        self.env.emit("signedIn", Some(session_ops::auth_user(&s)));
        Ok(json!({ "customState": custom }))
    }

    /// After a local sign-out of a hosted UI session: clear the OAuth keys and send
    /// the browser to the hosted UI's logout.
    pub(super) async fn hosted_ui_sign_out(
        &self,
        cfg: &CognitoConfig,
        was_oauth: bool,
    ) -> Result<(), AuthError> {
        let Some(oauth) = &cfg.oauth else {
            return Ok(());
        };
        let client = &cfg.user_pool_client_id;
        let flag = self.env.get_item(&key(client, "oauthSignIn")).await?;
        for k in ["oauthSignIn", "inflightOAuth", "oauthState", "oauthPKCE"] {
            self.env.remove_item(&key(client, k)).await?;
        }
        if !(was_oauth || flag.is_some_and(|f| f.starts_with("true"))) {
            return Ok(());
        }
        let current = self.env.current_url().unwrap_or_default();
        let logout_uri = oauth::pick_redirect(&oauth.redirect_sign_out, &current)?;
        self.env
            .navigate(&oauth::logout_url(oauth, client, &logout_uri));
        Ok(())
    }
}
