//! Cognito's SRP-6a variant, step by step, with no hidden randomness or clock.
//!
//! Every step is a public function so each can be checked against known-answer
//! vectors produced by `amazon-cognito-identity-js` (see `tests/vectors`).
//! Integers cross the wire as hex; hashes are taken over the "padded" big-endian
//! bytes that library uses: minimal length, plus one leading zero byte when the
//! top bit is set (a positive two's-complement encoding).

use crate::core::b64;
use crate::core::error::AuthError;
use crate::core::hex;
use crypto_bigint::modular::ConstMontyForm;
use crypto_bigint::{impl_modulus, Zero, U256, U3072, U4096};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

impl_modulus!(
    Group3072,
    U3072,
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF",
    "RFC 5054 3072-bit group used by Cognito"
);

type Fe = ConstMontyForm<Group3072, { U3072::LIMBS }>;

/// Bytes of a 3072-bit group element.
pub const N_BYTES: usize = 384;
/// Bytes of randomness drawn for the private value `a`, as the Cognito SDKs do.
pub const A_RANDOM_BYTES: usize = 128;

/// The group modulus N as a big integer.
pub fn modulus() -> U3072 {
    *<Group3072 as crypto_bigint::modular::ConstMontyParams<{ U3072::LIMBS }>>::MODULUS.as_ref()
}

/// Minimal big-endian bytes, with a zero byte in front when the top bit is set.
pub fn pad_bytes(be: &[u8]) -> Vec<u8> {
    let start = be.iter().position(|&b| b != 0).unwrap_or(be.len());
    let digits = &be[start..];
    let mut out = Vec::with_capacity(digits.len() + 1);
    if digits.is_empty() || digits[0] & 0x80 != 0 {
        out.push(0);
    }
    out.extend_from_slice(digits);
    out
}

fn pad_uint(x: &U3072) -> Vec<u8> {
    pad_bytes(&x.to_be_bytes())
}

/// Parses an unsigned hex integer of at most 3072 bits.
pub fn parse_uint(hex_str: &str, what: &'static str) -> Result<U3072, AuthError> {
    let bytes = hex::decode_int(hex_str).ok_or_else(|| bad_challenge(what, "is not hex"))?;
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = &bytes[start..];
    if digits.len() > N_BYTES {
        return Err(bad_challenge(what, "is longer than 3072 bits"));
    }
    let mut buf = [0u8; N_BYTES];
    buf[N_BYTES - digits.len()..].copy_from_slice(digits);
    Ok(U3072::from_be_slice(&buf))
}

fn bad_challenge(what: &str, why: &str) -> AuthError {
    AuthError::new(
        "InvalidChallengeException",
        format!("The server's SRP challenge is invalid: {what} {why}."),
    )
    .with_recovery("Retry the sign-in; if it keeps failing the server is misbehaving.")
}

fn widen(x: &U256) -> U3072 {
    let mut buf = [0u8; N_BYTES];
    buf[N_BYTES - 32..].copy_from_slice(&x.to_be_bytes());
    U3072::from_be_slice(&buf)
}

fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Lower-case hex of an integer with no leading zeros: the form `SRP_A` is sent in.
pub fn to_hex_unpadded(x: &U3072) -> String {
    let s = hex::encode(&x.to_be_bytes());
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0".into()
    } else {
        t.into()
    }
}

/// k = H(pad(N) | pad(g)).
pub fn k() -> U3072 {
    let n = pad_uint(&modulus());
    widen(&U256::from_be_slice(&sha256(&[&n, &[2u8]])))
}

/// The private value `a` from the random bytes (taken as a big-endian integer, as
/// the SDKs do; no reduction needed as 1024 bits < N).
pub fn private_a(random: &[u8; A_RANDOM_BYTES]) -> Zeroizing<U3072> {
    let mut buf = Zeroizing::new([0u8; N_BYTES]);
    buf[N_BYTES - A_RANDOM_BYTES..].copy_from_slice(random);
    Zeroizing::new(U3072::from_be_slice(&buf[..]))
}

/// A = g^a mod N.
pub fn public_a(a: &U3072) -> U3072 {
    Fe::new(&U3072::from(2u8))
        .pow_bounded_exp(a, (A_RANDOM_BYTES * 8) as u32)
        .retrieve()
}

/// u = H(pad(A) | pad(B)).
pub fn compute_u(big_a: &U3072, big_b: &U3072) -> U3072 {
    widen(&U256::from_be_slice(&sha256(&[
        &pad_uint(big_a),
        &pad_uint(big_b),
    ])))
}

/// x = H(pad(salt) | H(poolName | userId | ":" | password)).
pub fn compute_x(salt: &U3072, pool_name: &str, user_id: &str, password: &str) -> Zeroizing<U256> {
    let mut inner = sha256(&[
        pool_name.as_bytes(),
        user_id.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    let mut outer = sha256(&[&pad_uint(salt), &inner]);
    let x = U256::from_be_slice(&outer);
    inner.zeroize();
    outer.zeroize();
    Zeroizing::new(x)
}

/// S = (B - k·g^x)^(a + u·x) mod N.
pub fn compute_s(big_b: &U3072, a: &U3072, u: &U3072, x: &U256) -> Zeroizing<U3072> {
    let g = Fe::new(&U3072::from(2u8));
    let gx = g.pow_bounded_exp(x, 256);
    let base = Fe::new(big_b).sub(&Fe::new(&k()).mul(&gx));
    // a + u·x fits easily in 4096 bits: a < 2^3072, u·x < 2^512.
    // u and x are 256-bit: a 256×256 multiply (not 4096×4096) keeps the wasm small.
    let (lo, hi) = U256::from_be_slice(&u.to_be_bytes()[N_BYTES - 32..]).split_mul(x);
    let mut buf = [0u8; 512];
    buf[512 - 64..512 - 32].copy_from_slice(&hi.to_be_bytes());
    buf[512 - 32..].copy_from_slice(&lo.to_be_bytes());
    let ux = U4096::from_be_slice(&buf);
    let exp = Zeroizing::new(widen_4096_3072(a).wrapping_add(&ux));
    // The exponent's bound is public (size of a, u and x), so the work done leaks nothing.
    let bits = (A_RANDOM_BYTES * 8).max(a.bits() as usize).max(512) as u32 + 1;
    Zeroizing::new(base.pow_bounded_exp(&*exp, bits).retrieve())
}

fn widen_4096_3072(x: &U3072) -> U4096 {
    let mut buf = Zeroizing::new([0u8; 512]);
    buf[512 - N_BYTES..].copy_from_slice(&x.to_be_bytes());
    U4096::from_be_slice(&buf[..])
}

/// The 16-byte session key: HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key").
pub fn hkdf_key(s: &U3072, u: &U3072) -> Zeroizing<[u8; 16]> {
    let ikm = Zeroizing::new(pad_uint(s));
    let hk = hkdf::Hkdf::<Sha256>::new(Some(&pad_uint(u)), &ikm[..]);
    let mut okm = Zeroizing::new([0u8; 16]);
    hk.expand(b"Caldera Derived Key", &mut okm[..])
        .expect("16 bytes is a valid HKDF length");
    okm
}

/// PASSWORD_CLAIM_SIGNATURE = base64(HMAC-SHA256(key, poolName | userId | secretBlock | timestamp)).
pub fn signature(
    key: &[u8; 16],
    pool_name: &str,
    user_id: &str,
    secret_block: &[u8],
    timestamp: &str,
) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(pool_name.as_bytes());
    mac.update(user_id.as_bytes());
    mac.update(secret_block);
    mac.update(timestamp.as_bytes());
    b64::encode(&mac.finalize().into_bytes())
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Cognito's TIMESTAMP: `Tue Nov 3 04:05:06 UTC 2026` (day unpadded, time padded).
pub fn timestamp(epoch_ms: f64) -> String {
    let secs = (epoch_ms / 1000.0).floor() as i64;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wd = (days + 4).rem_euclid(7) as usize; // 1970-01-01 was a Thursday
    format!(
        "{} {} {} {:02}:{:02}:{:02} UTC {}",
        WEEKDAYS[wd],
        MONTHS[(m - 1) as usize],
        d,
        sod / 3600,
        (sod / 60) % 60,
        sod % 60,
        y
    )
}

/// Days since 1970-01-01 to (year, month, day) in the proleptic Gregorian calendar.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The pool name used in hashes: the second `_`-separated part of the pool id,
/// as the SDKs take it (`userPoolId.split('_')[1]`).
pub fn pool_name(user_pool_id: &str) -> &str {
    user_pool_id.split('_').nth(1).unwrap_or(user_pool_id)
}

/// A client's SRP state for one sign-in: the private `a` and public `A`.
pub struct SrpClient {
    a: Zeroizing<U3072>,
    big_a: U3072,
}

/// What answers a PASSWORD_VERIFIER challenge.
#[derive(Debug)]
pub struct PasswordClaim {
    pub secret_block: String,
    pub timestamp: String,
    pub signature: String,
}

impl SrpClient {
    /// Starts a sign-in from fresh random bytes.
    pub fn new(random: &[u8; A_RANDOM_BYTES]) -> Result<Self, AuthError> {
        let a = private_a(random);
        let big_a = public_a(&a);
        if bool::from(big_a.is_zero()) {
            // Only when the random bytes were all zero: the caller's RNG is broken.
            return Err(AuthError::new(
                "SrpRandomnessException",
                "The random source produced an unusable SRP value.",
            ));
        }
        Ok(Self { a, big_a })
    }

    /// `SRP_A` as Cognito expects it (unpadded lower-case hex).
    pub fn public_hex(&self) -> String {
        to_hex_unpadded(&self.big_a)
    }

    /// Answers the PASSWORD_VERIFIER challenge.
    #[allow(clippy::too_many_arguments)]
    pub fn password_claim(
        &self,
        user_pool_id: &str,
        user_id_for_srp: &str,
        password: &str,
        salt_hex: &str,
        srp_b_hex: &str,
        secret_block_b64: &str,
        epoch_ms: f64,
    ) -> Result<PasswordClaim, AuthError> {
        self.password_claim_for(
            pool_name(user_pool_id),
            user_id_for_srp,
            password,
            salt_hex,
            srp_b_hex,
            secret_block_b64,
            epoch_ms,
        )
    }

    /// The claim with the name hashed in the pool's place given directly: the
    /// device flow uses the whole device group key there.
    #[allow(clippy::too_many_arguments)]
    pub fn password_claim_for(
        &self,
        pool: &str,
        user_id_for_srp: &str,
        password: &str,
        salt_hex: &str,
        srp_b_hex: &str,
        secret_block_b64: &str,
        epoch_ms: f64,
    ) -> Result<PasswordClaim, AuthError> {
        let big_b = parse_uint(srp_b_hex, "SRP_B")?;
        // B ≡ 0 (mod N) would make S predictable to an attacker.
        if bool::from(Fe::new(&big_b).retrieve().is_zero()) {
            return Err(bad_challenge("SRP_B", "is zero modulo N"));
        }
        if salt_hex.is_empty() {
            return Err(bad_challenge("SALT", "is empty"));
        }
        let salt = parse_uint(salt_hex, "SALT")?;
        let secret_block = b64::decode(secret_block_b64.trim())
            .ok_or_else(|| bad_challenge("SECRET_BLOCK", "is not base64"))?;
        if secret_block.is_empty() {
            return Err(bad_challenge("SECRET_BLOCK", "is empty"));
        }
        let u = compute_u(&self.big_a, &big_b);
        if bool::from(u.is_zero()) {
            return Err(bad_challenge("SRP_B", "gives a zero scrambling parameter"));
        }
        let x = compute_x(&salt, pool, user_id_for_srp, password);
        let s = compute_s(&big_b, &self.a, &u, &x);
        let key = hkdf_key(&s, &u);
        let ts = timestamp(epoch_ms);
        let sig = signature(&key, pool, user_id_for_srp, &secret_block, &ts);
        Ok(PasswordClaim {
            secret_block: secret_block_b64.to_string(),
            timestamp: ts,
            signature: sig,
        })
    }
}

impl core::fmt::Debug for SrpClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("SrpClient { a: [redacted], .. }")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_adds_zero_for_high_bit_and_strips_leading_zeros() {
        assert_eq!(pad_bytes(&[0, 0, 0x7f, 1]), vec![0x7f, 1]);
        assert_eq!(pad_bytes(&[0, 0x80]), vec![0, 0x80]);
        assert_eq!(pad_bytes(&[0, 0]), vec![0]);
    }

    #[test]
    fn timestamp_pads_time_not_day() {
        // 2026-01-05T03:04:05Z is a Monday.
        assert_eq!(
            timestamp(1_767_582_245_000.0),
            "Mon Jan 5 03:04:05 UTC 2026"
        );
        // 2000-02-29T23:59:59Z is a Tuesday (leap day).
        assert_eq!(timestamp(951_868_799_000.0), "Tue Feb 29 23:59:59 UTC 2000");
    }

    #[test]
    fn hostile_b_is_rejected() {
        let c = SrpClient::new(&[7u8; A_RANDOM_BYTES]).unwrap();
        let n_hex = hex::encode(&modulus().to_be_bytes());
        for b in ["0", "00", n_hex.as_str()] {
            let err = c
                .password_claim("us-east-1_abc", "u", "p", "ab", b, "AAAA", 0.0)
                .unwrap_err();
            assert_eq!(err.name, "InvalidChallengeException", "B = {b}");
        }
        let too_long = "1".repeat(800);
        assert!(c
            .password_claim("us-east-1_abc", "u", "p", "ab", &too_long, "AAAA", 0.0)
            .is_err());
        assert!(c
            .password_claim("us-east-1_abc", "u", "p", "ab", "zz", "AAAA", 0.0)
            .is_err());
        assert!(c
            .password_claim("us-east-1_abc", "u", "p", "ab", "1234", "not base64!", 0.0)
            .is_err());
        assert!(c
            .password_claim("us-east-1_abc", "u", "p", "", "1234", "AAAA", 0.0)
            .is_err());
    }
}
