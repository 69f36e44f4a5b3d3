//! Remembered devices during sign-in:
//! - [`confirm`]: a new device, confirmed after a sign-in that returned
//!   `NewDeviceMetadata`: a fresh random password and salt, the SRP verifier Cognito
//!   keeps for the device, and the ConfirmDevice request. The driver sends it and, once
//!   Cognito took it, stores the device's three keys as Amplify does (a failure is
//!   ignored, as in Amplify: the sign-in itself succeeded).
//!
//! A remembered device proving itself when a sign-in stopped at `DEVICE_SRP_AUTH` is
//! the password sign-in's machine again ([`crate::flows::sign_in::PasswordSignIn::device`]).
//! Both live in the typed core, which has the SRP arithmetic for the password anyway.

use crate::codec::json::Obj;
use crate::core::error::AuthError;
use crate::crypto::device_srp::{self, RANDOM_PASSWORD_BYTES, SALT_RANDOM_BYTES};
#[allow(unused_imports)]
use crate::prelude::*;
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
