//! Refreshing the tokens, sans-IO: `GetTokensFromRefreshToken`, falling back to
//! `InitiateAuth` with `REFRESH_TOKEN_AUTH` on servers without it. Whether a
//! failure ends the session is [`AuthError::ends_session`]'s call.

use crate::codec::json::Json;
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{self as up, AuthResult};
use crate::wire::Request;
use zeroize::Zeroizing;

/// What the driver does next.
#[derive(Debug, PartialEq)]
pub enum RefreshStep {
    /// Send this and pass its outcome to [`Refresh::on_reply`].
    Send(Request),
    /// New tokens (a rotated refresh token among them, or none: keep the old one).
    Done(AuthResult),
}

/// One refresh with one refresh token.
pub struct Refresh {
    client_id: String,
    refresh_token: Zeroizing<String>,
    device_key: Option<String>,
    fell_back: bool,
}

impl core::fmt::Debug for Refresh {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Refresh")
            .field("fell_back", &self.fell_back)
            .finish_non_exhaustive()
    }
}

impl Refresh {
    /// `device_key`: the remembered device's, sent so the device stays trusted.
    pub fn new(client_id: &str, refresh_token: &str, device_key: Option<&str>) -> Self {
        Refresh {
            client_id: client_id.into(),
            refresh_token: Zeroizing::new(refresh_token.into()),
            device_key: device_key.map(Into::into),
            fell_back: false,
        }
    }

    pub fn start(&self) -> RefreshStep {
        RefreshStep::Send(up::get_tokens_from_refresh_token(
            &self.client_id,
            &self.refresh_token,
            self.device_key.as_deref(),
        ))
    }

    /// The outcome of the request last returned.
    pub fn on_reply(&mut self, reply: Result<Json, AuthError>) -> Result<RefreshStep, AuthError> {
        let body = match reply {
            Err(e) if !self.fell_back && e.lacks_operation() => {
                self.fell_back = true;
                return Ok(RefreshStep::Send(up::refresh_token_auth(
                    &self.client_id,
                    &self.refresh_token,
                    self.device_key.as_deref(),
                )));
            }
            r => r?,
        };
        match body.get("AuthenticationResult") {
            Some(r @ Json::Obj(_)) => up::auth_result(r).map(RefreshStep::Done),
            _ => Err(AuthError::bad_reply(
                "the refresh reply has no AuthenticationResult",
            )),
        }
    }
}
