//! Cognito device SRP ("remembered devices"), step by step, with no hidden
//! randomness or clock.
//!
//! Two parts, both checked byte for byte against `amazon-cognito-identity-js`
//! and Amplify v6 (see `tests/vectors/gen-device-srp-vectors.mjs`):
//!
//! * **ConfirmDevice**: after a sign-in whose result carries `NewDeviceMetadata`,
//!   the client invents a device password and registers an SRP verifier for it
//!   ([`new_device_verifier`]).
//! * **Device sign-in**: after PASSWORD_VERIFIER the server may ask for
//!   DEVICE_SRP_AUTH; the client proves it knows the device password with the same
//!   SRP as the user sign-in, where the device group key (whole) plays the pool name,
//!   the device key the user id and the random password the password. The sign-in
//!   machine does it (`PasswordSignIn::device`, over [`srp::SrpClient::password_claim_for`]);
//!   this module gives it the [`DeviceSecret`].
//!
//! All the arithmetic is [`crate::crypto::srp`]'s; this module only wires it.

use crate::core::b64;
use crate::core::error::AuthError;
use crate::crypto::srp::{self, U3072};
#[allow(unused_imports)]
use crate::prelude::*;
use zeroize::{Zeroize, Zeroizing};

/// Random bytes behind a device password (the SDKs draw 40 and base64 them).
pub const RANDOM_PASSWORD_BYTES: usize = 40;
/// Random bytes behind a device verifier's salt.
pub const SALT_RANDOM_BYTES: usize = 16;

/// What a remembered device needs to sign in; Amplify stores it under
/// `CognitoIdentityServiceProvider.<clientId>.<username>.{deviceKey,deviceGroupKey,randomPasswordKey}`.
///
/// The password is wiped when the value is dropped and never printed.
#[derive(Clone)]
pub struct DeviceSecret {
    pub device_key: String,
    pub device_group_key: String,
    pub random_password: String,
}

impl DeviceSecret {
    pub fn new(
        device_key: impl Into<String>,
        device_group_key: impl Into<String>,
        random_password: impl Into<String>,
    ) -> Self {
        Self {
            device_key: device_key.into(),
            device_group_key: device_group_key.into(),
            random_password: random_password.into(),
        }
    }

    /// Amplify refuses device SRP unless all three values are present.
    pub fn validate(&self) -> Result<(), AuthError> {
        if self.device_key.is_empty()
            || self.device_group_key.is_empty()
            || self.random_password.is_empty()
        {
            return Err(not_found());
        }
        Ok(())
    }
}

/// Amplify's error for a device sign-in without all three device values.
pub fn not_found() -> AuthError {
    AuthError::new(
        "DeviceMetadataNotFoundException",
        "Either deviceKey, deviceGroupKey or secretPassword were not found during the sign-in process.",
    )
    .with_recovery("Make sure to not clear storage after calling the signIn API.")
}

impl Drop for DeviceSecret {
    fn drop(&mut self) {
        self.random_password.zeroize();
    }
}

impl core::fmt::Debug for DeviceSecret {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DeviceSecret")
            .field("device_key", &self.device_key)
            .field("device_group_key", &self.device_group_key)
            .field("random_password", &format_args!("[redacted]"))
            .finish()
    }
}

/// The device password: standard base64 (with padding) of the 40 random bytes,
/// so always 56 characters.
pub fn random_password(bytes: &[u8; RANDOM_PASSWORD_BYTES]) -> Zeroizing<String> {
    Zeroizing::new(b64::encode(bytes))
}

/// The verifier's salt bytes: the 16 random bytes read as a positive integer and
/// padded as everywhere in SRP, so leading zero bytes are dropped (15 bytes for
/// `00 3f …`) and a set top bit gains a zero byte (17 bytes for `c3 …`).
pub fn salt(bytes: &[u8; SALT_RANDOM_BYTES]) -> Vec<u8> {
    srp::pad_bytes(bytes)
}

/// The verifier v = g^x mod N with
/// x = H(salt | H(deviceGroupKey | deviceKey | ":" | randomPassword)),
/// `salt_padded` being [`salt`]'s output.
pub fn verifier(
    device_group_key: &str,
    device_key: &str,
    random_password: &str,
    salt_padded: &[u8],
) -> Result<U3072, AuthError> {
    let salt = U3072::from_be_slice(salt_padded).ok_or_else(|| {
        AuthError::new(
            "InvalidParameterException",
            "The device salt is longer than 3072 bits.",
        )
    })?;
    Ok(verifier_of(
        device_group_key,
        device_key,
        random_password,
        &salt,
    ))
}

fn verifier_of(group: &str, key: &str, password: &str, salt: &U3072) -> U3072 {
    srp::g_pow_x(&srp::compute_x(salt, group, key, password))
}

/// The verifier as sent: the padded big-endian bytes (385 bytes when its top bit is set).
pub fn verifier_bytes(v: &U3072) -> Vec<u8> {
    srp::pad_bytes(&v.to_be_bytes())
}

/// Everything ConfirmDevice needs from fresh randomness:
/// `(random_password, PasswordVerifier, Salt)`, the last two base64 as sent in
/// `DeviceSecretVerifierConfig`. Keep the password in a [`DeviceSecret`].
pub fn new_device_verifier(
    device_group_key: &str,
    device_key: &str,
    random_password_bytes: &[u8; RANDOM_PASSWORD_BYTES],
    salt_bytes: &[u8; SALT_RANDOM_BYTES],
) -> (String, String, String) {
    let mut password = random_password(random_password_bytes);
    let salt = salt(salt_bytes);
    // At most 17 salt bytes: they always fit in 3072 bits (no panic path, no message).
    let salt_int = U3072::from_be_slice(&salt).unwrap_or(U3072::ZERO);
    let v = verifier_of(device_group_key, device_key, &password, &salt_int);
    let verifier_b64 = b64::encode(&verifier_bytes(&v));
    let salt_b64 = b64::encode(&salt);
    (core::mem::take(&mut *password), verifier_b64, salt_b64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secret() -> DeviceSecret {
        DeviceSecret::new("us-east-1_dev", "-grp", "pw")
    }

    #[test]
    fn debug_hides_the_password() {
        let s = DeviceSecret::new("us-east-1_dev", "-grp", "hunter2-device-password");
        let shown = format!("{s:?}");
        assert!(shown.contains("[redacted]"), "{shown}");
        assert!(shown.contains("us-east-1_dev") && shown.contains("-grp"));
        assert!(!shown.contains("hunter2"), "{shown}");
    }

    #[test]
    fn salt_padding_follows_the_integer() {
        let mut b = [0x11u8; 16];
        assert_eq!(salt(&b).len(), 16);
        b[0] = 0xc3;
        assert_eq!(salt(&b)[..2], [0, 0xc3]);
        b[0] = 0;
        b[1] = 0x3f;
        assert_eq!(salt(&b).len(), 15);
        assert_eq!(salt(&[0; 16]), vec![0]);
    }

    #[test]
    fn password_is_56_base64_characters() {
        assert_eq!(random_password(&[0xfb; 40]).len(), 56);
    }

    #[test]
    fn missing_device_values_are_refused() {
        for s in [
            DeviceSecret::new("", "-grp", "pw"),
            DeviceSecret::new("dev", "", "pw"),
            DeviceSecret::new("dev", "-grp", ""),
        ] {
            assert_eq!(
                s.validate().unwrap_err().name,
                "DeviceMetadataNotFoundException"
            );
        }
        assert!(secret().validate().is_ok());
    }

    /// As the sign-in machine proves a device: the group key, whole, in the pool's place.
    #[test]
    fn hostile_challenges_are_rejected() {
        let c = srp::SrpClient::new(&[7u8; srp::A_RANDOM_BYTES]).unwrap();
        let n_hex = crate::core::hex::encode(&srp::modulus().to_be_bytes());
        let s = secret();
        let claim = |salt: &str, b: &str, block: &str| {
            c.password_claim_for(
                &s.device_group_key,
                &s.device_key,
                &s.random_password,
                salt,
                b,
                block,
                0.0,
            )
        };
        for b in ["0", "00", n_hex.as_str(), "zz", &"1".repeat(800)] {
            let err = claim("ab", b, "AAAA").unwrap_err();
            assert_eq!(err.name, "InvalidChallengeException", "B = {b}");
        }
        assert!(claim("", "1234", "AAAA").is_err());
        assert!(claim("xy", "1234", "AAAA").is_err());
        assert!(claim("ab", "1234", "").is_err());
        assert!(claim("ab", "1234", "not base64!").is_err());
        assert!(claim("ab", "1234", "AAAA").is_ok());
    }
}
