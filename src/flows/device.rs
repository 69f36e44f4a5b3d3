//! Remembered devices during sign-in:
//! - [`confirm`]: a new device, confirmed after a sign-in that returned
//!   `NewDeviceMetadata`: a fresh random password and salt, the SRP verifier Cognito
//!   keeps for the device, and the ConfirmDevice request. The driver sends it and, once
//!   Cognito took it, stores the device's three keys as Amplify does (a failure is
//!   ignored, as in Amplify: the sign-in itself succeeded).
//! - [`DeviceSignIn`]: a remembered device proving itself when the sign-in stopped at
//!   `DEVICE_SRP_AUTH`: its own SRP, then tokens (or the next challenge).

use crate::codec::json::{Json, Obj};
use crate::core::error::AuthError;
use crate::crypto::device_srp::{
    self, DeviceSecret, DeviceSrpClient, RANDOM_PASSWORD_BYTES, SALT_RANDOM_BYTES,
};
use crate::flows::sign_in::{missing, out_of_order, SignedIn, Step};
#[allow(unused_imports)]
use crate::prelude::*;
use crate::wire::user_pool::{self as up, AuthReply, Challenge, Pairs};
use crate::wire::Request;
use zeroize::Zeroizing;

/// Random bytes a confirmation needs: the password's, then the salt's.
pub const RANDOM_BYTES: usize = RANDOM_PASSWORD_BYTES + SALT_RANDOM_BYTES;

/// The ConfirmDevice request for device `key` of group `group`, and the device's
/// password to keep (`randomPasswordKey`). `random`: [`RANDOM_BYTES`] fresh bytes.
pub fn confirm(
    access_token: &str,
    key: &str,
    group: &str,
    random: &[u8],
    device_name: &str,
) -> Result<(Request, Zeroizing<String>), AuthError> {
    let (Some(password), Some(salt)) = (
        random
            .get(..RANDOM_PASSWORD_BYTES)
            .and_then(|b| <&[u8; RANDOM_PASSWORD_BYTES]>::try_from(b).ok()),
        random
            .get(RANDOM_PASSWORD_BYTES..RANDOM_BYTES)
            .and_then(|b| <&[u8; SALT_RANDOM_BYTES]>::try_from(b).ok()),
    ) else {
        return Err(AuthError::new(
            "SrpRandomnessException",
            "The random source produced an unusable device secret.",
        ));
    };
    let (password, verifier, salt) = device_srp::new_device_verifier(group, key, password, salt);
    let password = Zeroizing::new(password);
    let body = Obj::new()
        .str("AccessToken", access_token)
        .str("DeviceKey", key)
        .raw(
            "DeviceSecretVerifierConfig",
            &Obj::new()
                .str("PasswordVerifier", &verifier)
                .str("Salt", &salt)
                .end(),
        )
        .str("DeviceName", device_name)
        .end();
    Ok((
        Request {
            target: "AWSCognitoIdentityProviderService.ConfirmDevice",
            body,
        },
        password,
    ))
}

/// A remembered device's own SRP, from the `DEVICE_SRP_AUTH` challenge a sign-in
/// stopped at: `DEVICE_SRP_AUTH` (its `A`), then `DEVICE_PASSWORD_VERIFIER` (its
/// proof), then tokens or the next challenge, as [`Step`]s.
pub struct DeviceSignIn {
    client_id: String,
    /// Cognito's name for the user (the key the session is stored under).
    username: String,
    metadata: Option<Pairs>,
    secret: DeviceSecret,
    client: DeviceSrpClient,
    challenge: Option<Challenge>,
    proved: bool,
}

impl core::fmt::Debug for DeviceSignIn {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DeviceSignIn")
            .field("username", &self.username)
            .field("proved", &self.proved)
            .finish_non_exhaustive()
    }
}

impl DeviceSignIn {
    /// For the sign-in of `username` that stopped at `challenge` (`DEVICE_SRP_AUTH`),
    /// with the device remembered for that user and 32 fresh random bytes.
    pub fn new(
        client_id: &str,
        username: &str,
        metadata: Option<Pairs>,
        secret: DeviceSecret,
        random: &[u8],
        challenge: Challenge,
    ) -> Result<Self, AuthError> {
        if challenge.name != "DEVICE_SRP_AUTH" {
            return Err(out_of_order());
        }
        secret.validate()?;
        Ok(DeviceSignIn {
            client_id: client_id.into(),
            username: username.into(),
            metadata,
            secret,
            client: DeviceSrpClient::new(random)?,
            challenge: Some(challenge),
            proved: false,
        })
    }

    /// The first request: `DEVICE_SRP_AUTH` with the device's `A`.
    pub fn start(&mut self) -> Result<Step, AuthError> {
        let c = self.challenge.take().ok_or_else(out_of_order)?;
        let a = self.client.public_hex();
        let params = [
            ("USERNAME", self.username.as_str()),
            ("SRP_A", a.as_str()),
            ("DEVICE_KEY", self.secret.device_key.as_str()),
        ];
        Ok(Step::Send(up::respond_to_auth_challenge(
            &self.client_id,
            "DEVICE_SRP_AUTH",
            &params,
            c.session.as_deref(),
            self.metadata.as_ref(),
        )))
    }

    /// The outcome of the last request, at `now_ms` (the proof's timestamp).
    pub fn on_reply(
        &mut self,
        reply: Result<Json, AuthError>,
        now_ms: f64,
    ) -> Result<Step, AuthError> {
        let reply = up::auth_reply(&reply?)?;
        match (self.proved, reply) {
            (false, AuthReply::Challenge(c)) if c.name == "DEVICE_PASSWORD_VERIFIER" => {
                let p = |k: &'static str| c.param(k).ok_or_else(|| missing(k));
                let claim = self.client.password_claim(
                    &self.secret,
                    p("SALT")?,
                    p("SRP_B")?,
                    p("SECRET_BLOCK")?,
                    now_ms,
                )?;
                let username = c.param("USERNAME").unwrap_or(&self.username);
                let params = [
                    ("USERNAME", username),
                    ("PASSWORD_CLAIM_SECRET_BLOCK", claim.secret_block.as_str()),
                    ("TIMESTAMP", claim.timestamp.as_str()),
                    ("PASSWORD_CLAIM_SIGNATURE", claim.signature.as_str()),
                    ("DEVICE_KEY", self.secret.device_key.as_str()),
                ];
                let req = up::respond_to_auth_challenge(
                    &self.client_id,
                    "DEVICE_PASSWORD_VERIFIER",
                    &params,
                    c.session.as_deref(),
                    self.metadata.as_ref(),
                );
                self.proved = true;
                Ok(Step::Send(req))
            }
            (false, _) => Err(AuthError::bad_reply(
                "DEVICE_SRP_AUTH did not answer with DEVICE_PASSWORD_VERIFIER",
            )),
            (true, AuthReply::Tokens(result)) => Ok(Step::Done(SignedIn {
                username: self.username.clone(),
                result,
            })),
            (true, AuthReply::Challenge(c)) if c.name == "DEVICE_SRP_AUTH" => {
                Err(AuthError::bad_reply("DEVICE_SRP_AUTH was asked for twice"))
            }
            (true, AuthReply::Challenge(c)) => Ok(Step::Challenge(c)),
        }
    }
}
