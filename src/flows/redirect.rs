//! The hosted UI (signInWithRedirect) as pure steps over `core::oauth`: the authorize
//! URL to leave for (with the state and PKCE verifier to keep), what the page that
//! came back carries (a code to exchange, tokens, or an error), the token endpoint's
//! reply, the callback URL cleaned of OAuth parameters, and the logout URL. The driver
//! keeps the in-flight keys, sends the exchange and navigates.

use crate::codec::json::{self, Json};
use crate::core::error::AuthError;
use crate::core::oauth::{self, AuthorizeOptions, OAuthConfig, Redirect};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::AuthResult;
use zeroize::Zeroizing;

/// Random bytes [`HostedUi::authorize`] needs: the state's, then the verifier's.
pub const RANDOM_BYTES: usize = oauth::STATE_LEN + oauth::VERIFIER_LEN;

/// The hosted UI of one app client.
#[derive(Debug)]
pub struct HostedUi {
    cfg: OAuthConfig,
    client_id: String,
}

/// Where `signInWithRedirect` goes, and what to keep until the page comes back.
pub struct Authorize {
    pub url: String,
    /// `oauthState`.
    pub state: String,
    /// `oauthPKCE`.
    pub verifier: Zeroizing<String>,
}

/// What the page that came back at the redirect URL carries.
pub enum Callback {
    /// An authorization code: POST `body` (form-encoded) to `url`, then [`token_reply`].
    Exchange { url: String, body: String },
    /// The implicit flow's tokens, in the fragment.
    Tokens(AuthResult),
}

// The verifier and the exchange (code and verifier) print redacted.
impl core::fmt::Debug for Authorize {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Authorize")
            .field("state", &self.state)
            .field("verifier", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl core::fmt::Debug for Callback {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Callback::Exchange { url, .. } => f
                .debug_struct("Exchange")
                .field("url", url)
                .field("body", &"[redacted]")
                .finish(),
            Callback::Tokens(t) => f.debug_tuple("Tokens").field(t).finish(),
        }
    }
}

/// A finished hosted UI sign-in's tokens and who they are for.
#[derive(Debug)]
pub struct SignedIn {
    /// The access token's `username` claim (Amplify's key for the session).
    pub username: String,
    pub tokens: AuthResult,
}

/// Provider names as Amplify maps them to Cognito's `identity_provider`.
pub fn provider_name(p: &str) -> &str {
    match p {
        "Amazon" => "LoginWithAmazon",
        "Apple" => "SignInWithApple",
        other => other,
    }
}

impl HostedUi {
    /// From the configuration's `loginWith.oauth` (checked by the package's config.js).
    pub fn new(
        domain: &str,
        scopes: Vec<String>,
        redirect_sign_in: Vec<String>,
        redirect_sign_out: Vec<String>,
        response_type: &str,
        client_id: &str,
    ) -> Self {
        let base_url = if domain.starts_with("https://") || domain.starts_with("http://") {
            let mut d = domain.to_string();
            while d.ends_with('/') {
                d.pop();
            }
            d
        } else {
            crate::codec::cat(&["https://", domain])
        };
        HostedUi {
            cfg: OAuthConfig {
                base_url,
                scopes,
                redirect_sign_in,
                redirect_sign_out,
                response_type: if response_type == "token" {
                    "token".into()
                } else {
                    "code".into()
                },
            },
            client_id: client_id.into(),
        }
    }

    /// The authorize URL for the page at `current`: `provider` already mapped (see
    /// [`provider_name`]), `custom_state` carried in the state, `random`:
    /// [`RANDOM_BYTES`] fresh bytes.
    pub fn authorize(
        &self,
        current: &str,
        provider: Option<&str>,
        custom_state: Option<&str>,
        opts: &AuthorizeOptions<'_>,
        random: &[u8],
    ) -> Result<Authorize, AuthError> {
        if random.len() != RANDOM_BYTES {
            return Err(AuthError::new(
                "OAuthSignInException",
                "The random source produced an unusable state.",
            ));
        }
        let redirect_uri = oauth::pick_redirect(&self.cfg.redirect_sign_in, current)?;
        let state = oauth::state_with_custom(
            &oauth::random_string(&random[..oauth::STATE_LEN]),
            custom_state,
        );
        let verifier = Zeroizing::new(oauth::random_string(&random[oauth::STATE_LEN..]));
        let url = oauth::authorize_url(
            &self.cfg,
            &self.client_id,
            &redirect_uri,
            provider,
            &state,
            &verifier,
            opts,
        );
        Ok(Authorize {
            url,
            state,
            verifier,
        })
    }

    /// The page at `current` came back while a sign-in was in flight, with the kept
    /// `state` and `verifier`: the exchange to send, or the implicit flow's tokens.
    /// Errors: the provider's, "User cancelled OAuth flow.", a state that does not match.
    pub fn callback(
        &self,
        current: &str,
        saved_state: Option<&str>,
        verifier: Option<&str>,
    ) -> Result<(Callback, String), AuthError> {
        let redirect_uri = oauth::pick_redirect(&self.cfg.redirect_sign_in, current)?;
        let check = |state: Option<String>| match (state, saved_state) {
            (Some(s), Some(saved)) if s == saved => Ok(s),
            _ => Err(oauth::state_mismatch()),
        };
        match oauth::read_redirect(current, &self.cfg.response_type) {
            Redirect::Error { message } => Err(oauth::provider_error(message)),
            Redirect::None => Err(oauth::provider_error("User cancelled OAuth flow.".into())),
            Redirect::Tokens {
                access_token,
                id_token,
                state,
            } => {
                let state = check(state)?;
                let tokens = AuthResult {
                    access_token,
                    id_token,
                    refresh_token: None,
                    new_device: None,
                };
                Ok((Callback::Tokens(tokens), state))
            }
            Redirect::Code { code, state } => {
                let state = check(state)?;
                let r = oauth::token_request(
                    &self.cfg,
                    &self.client_id,
                    &code,
                    &redirect_uri,
                    verifier,
                );
                Ok((
                    Callback::Exchange {
                        url: r.url,
                        body: r.body,
                    },
                    state,
                ))
            }
        }
    }

    /// The redirect URL the page at `current` returns to (after a completed sign-in the
    /// address bar shows it, without the code).
    pub fn redirect_uri(&self, current: &str) -> Result<String, AuthError> {
        oauth::pick_redirect(&self.cfg.redirect_sign_in, current)
    }

    /// `current` without the OAuth response parameters, when it is a callback URL that
    /// carries any (a code, a token or an error must not stay in the address bar).
    pub fn cleaned(&self, current: &str) -> Option<String> {
        oauth::cleaned_callback(current, &self.cfg.redirect_sign_in)
    }

    /// The hosted UI's `/logout` URL, back to the `redirectSignOut` for `current`.
    pub fn logout(&self, current: &str) -> Result<String, AuthError> {
        let uri = oauth::pick_redirect(&self.cfg.redirect_sign_out, current)?;
        Ok(oauth::logout_url(&self.cfg, &self.client_id, &uri))
    }
}

/// The token endpoint's reply (HTTP `status`, `body`): the tokens, or the error it names.
pub fn token_reply(status: u16, body: &str) -> Result<AuthResult, AuthError> {
    let v = json::parse(body).unwrap_or(Json::Null);
    let text = |k: &str| v.str(k).map(str::to_string);
    if !(200..300).contains(&status) || v.get("error").is_some() {
        // As Amplify reads it: the description (or error_message) if it is
        // there, as text; else the error code.
        let message = v
            .get("error_description")
            .or_else(|| v.get("error_message"))
            .and_then(Json::as_str)
            .map(str::to_string)
            .or_else(|| text("error"))
            .unwrap_or_else(|| {
                crate::codec::cat(&[
                    "The token endpoint answered HTTP ",
                    &json::int(i64::from(status)),
                    ".",
                ])
            });
        let mut e = oauth::provider_error(message);
        e.http_status_code = Some(status);
        return Err(e);
    }
    let access_token = text("access_token")
        .ok_or_else(|| AuthError::bad_reply("the token endpoint returned no access_token"))?;
    Ok(AuthResult {
        access_token,
        id_token: text("id_token"),
        refresh_token: text("refresh_token"),
        new_device: None,
    })
}

/// Who a hosted UI session is for: the access token's `username` claim, else
/// `username` (Amplify's fallback).
pub fn signed_in(tokens: AuthResult) -> SignedIn {
    let username = crate::flows::session::claims(&tokens.access_token)
        .and_then(|c| c.str("username").map(str::to_string))
        .unwrap_or_else(|| "username".into());
    SignedIn { username, tokens }
}

/// The app's custom state inside a `state`, if any.
pub fn custom_state(state: &str) -> Option<String> {
    oauth::custom_state(state)
}
