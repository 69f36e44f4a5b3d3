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
pub use crate::crypto::bigint::U3072;
use crate::crypto::bigint::{Comb, Fe, N_BE};
#[allow(unused_imports)]
use crate::prelude::*;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::{Zeroize, Zeroizing};

/// Bytes of a 3072-bit group element.
pub const N_BYTES: usize = crate::crypto::bigint::N_BYTES;
/// Bytes of randomness drawn for the private value `a`: 256 bits, as RFC 5054
/// §2.5.4 asks ("at least 256 bits") and NIST SP 800-56A allows for this group
/// (twice its 128-bit security strength). The AWS SDKs draw 1024 bits; the server
/// cannot tell, and a 4× shorter exponent makes A = g^a and S 4× and 2× cheaper.
/// Any length works here: the known-answer tests use the SDKs' 128 bytes.
pub const A_RANDOM_BYTES: usize = 32;

/// The group modulus N (RFC 5054, 3072-bit) as a big integer.
pub fn modulus() -> U3072 {
    U3072(N_BE)
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
    U3072::from_be_slice(&bytes).ok_or_else(|| bad_challenge(what, "is longer than 3072 bits"))
}

fn bad_challenge(what: &str, why: &str) -> AuthError {
    AuthError::new(
        "InvalidChallengeException",
        crate::codec::cat(&[
            "The server's SRP challenge is invalid: ",
            what,
            " ",
            why,
            ".",
        ]),
    )
    .with_recovery("Retry the sign-in; if it keeps failing the server is misbehaving.")
}

fn widen(x: &[u8; 32]) -> U3072 {
    // 32 bytes always fit. No `expect`: its message and formatting would ship in the wasm.
    U3072::from_be_slice(x).unwrap_or(U3072::ZERO)
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
    widen(&sha256(&[&n, &[2u8]]))
}

/// The private value `a` from the random bytes, taken as a big-endian integer as
/// the SDKs do (no reduction needed: at most 3072 bits, and callers draw far fewer).
pub fn private_a(random: &[u8]) -> Zeroizing<U3072> {
    let mut a = Zeroizing::new(U3072::ZERO);
    let n = random.len().min(N_BYTES);
    a.0[N_BYTES - n..].copy_from_slice(&random[random.len() - n..]);
    a
}

/// A = g^a mod N, for an `a` of at most `bits` bits (a public bound: the
/// number of random bits drawn).
pub fn public_a(a: &U3072, bits: usize) -> U3072 {
    g_pow(&a.0, bits).retrieve()
}

/// g^e: by the generator's comb table for exponents of up to 256 bits (every
/// `a` drawn here, every x), else by the general method (the SDKs' 1024-bit `a`
/// in the known-answer tests).
fn g_pow(e: &[u8], bits: usize) -> Fe {
    if bits <= 256 {
        static COMB: once_cell::race::OnceBox<Comb> = once_cell::race::OnceBox::new();
        COMB.get_or_init(|| Box::new(Comb::new(&g()))).pow(e)
    } else {
        g().pow(e, bits)
    }
}

/// g^x for a 256-bit x (a device's password verifier).
pub fn g_pow_x(x: &[u8; 32]) -> U3072 {
    g_pow(x, 256).retrieve()
}

/// The generator, 2.
fn g() -> Fe {
    // One byte always fits (no `expect`, as in `widen`).
    Fe::new(&U3072::from_be_slice(&[2]).unwrap_or(U3072::ZERO))
}

/// u = H(pad(A) | pad(B)).
pub fn compute_u(big_a: &U3072, big_b: &U3072) -> U3072 {
    widen(&sha256(&[&pad_uint(big_a), &pad_uint(big_b)]))
}

/// x = H(pad(salt) | H(poolName | userId | ":" | password)).
pub fn compute_x(
    salt: &U3072,
    pool_name: &str,
    user_id: &str,
    password: &str,
) -> Zeroizing<[u8; 32]> {
    let mut inner = sha256(&[
        pool_name.as_bytes(),
        user_id.as_bytes(),
        b":",
        password.as_bytes(),
    ]);
    let x = Zeroizing::new(sha256(&[&pad_uint(salt), &inner]));
    inner.zeroize();
    x
}

/// S = (B - k·g^x)^(a + u·x) mod N, for an `a` of at most `a_bits` bits.
pub fn compute_s(
    big_b: &U3072,
    a: &U3072,
    a_bits: usize,
    u: &U3072,
    x: &[u8; 32],
) -> Zeroizing<U3072> {
    let gx = g_pow(x, 256);
    let base = Fe::new(big_b).sub(&Fe::new(&k()).mul(&gx));
    let exp = exponent(a, &u.0[N_BYTES - 32..], x);
    // The exponent's bound is public (the sizes of a, u and x), so the work done
    // leaks nothing about its value.
    let bits = a_bits.max(512) + 1;
    Zeroizing::new(base.pow(&exp[..], bits).retrieve())
}

/// a + u·x as big-endian bytes (one word of headroom for the carry), u and x
/// being 256-bit: schoolbook over 32-bit words, with no branch on the values.
fn exponent(a: &U3072, u: &[u8], x: &[u8; 32]) -> Zeroizing<[u8; N_BYTES + 4]> {
    const WORDS: usize = N_BYTES / 4 + 1;
    let words = |b: &[u8], out: &mut [u32]| {
        for (w, c) in out.iter_mut().zip(b.rchunks(4)) {
            *w = c.iter().fold(0u32, |acc, &byte| (acc << 8) | byte as u32);
        }
    };
    let mut acc = Zeroizing::new([0u32; WORDS]);
    words(&a.0, &mut acc[..]);
    let (mut uw, mut xw) = ([0u32; 8], [0u32; 8]);
    words(u, &mut uw);
    words(x, &mut xw);
    for (i, &ui) in uw.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &xj) in xw.iter().enumerate() {
            let t = ui as u64 * xj as u64 + acc[i + j] as u64 + carry;
            acc[i + j] = t as u32;
            carry = t >> 32;
        }
        for w in acc[i + 8..].iter_mut() {
            let t = *w as u64 + carry;
            *w = t as u32;
            carry = t >> 32;
        }
    }
    let mut out = Zeroizing::new([0u8; N_BYTES + 4]);
    for (c, w) in out.rchunks_mut(4).zip(acc.iter()) {
        c.copy_from_slice(&w.to_be_bytes());
    }
    xw.zeroize();
    out
}

/// The 16-byte session key: HKDF-SHA256(ikm = pad(S), salt = pad(u), info = "Caldera Derived Key").
pub fn hkdf_key(s: &U3072, u: &U3072) -> Zeroizing<[u8; 16]> {
    let ikm = Zeroizing::new(pad_uint(s));
    let hk = hkdf::Hkdf::<Sha256>::new(Some(&pad_uint(u)), &ikm[..]);
    let mut okm = Zeroizing::new([0u8; 16]);
    // Only a length over 255 hashes fails; 16 bytes never does (no `expect`, as in `widen`).
    let _ = hk.expand(b"Caldera Derived Key", &mut okm[..]);
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
    // HMAC takes a key of any length: never an error (no `expect`, as in `widen`).
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        return String::new();
    };
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
    // Whole seconds, rounded down (f64::floor is std's, not core's).
    let q = epoch_ms / 1000.0;
    let secs = if ((q as i64) as f64) > q {
        q as i64 - 1
    } else {
        q as i64
    };
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wd = (days + 4).rem_euclid(7) as usize; // 1970-01-01 was a Thursday
                                                // Written out by hand: core::fmt would stay in the wasm for this one string.
    let two = |n: i64| {
        [
            char::from(b'0' + (n / 10) as u8),
            char::from(b'0' + (n % 10) as u8),
        ]
    };
    let mut out = String::with_capacity(32);
    out.push_str(WEEKDAYS[wd]);
    out.push(' ');
    out.push_str(MONTHS[(m - 1) as usize]);
    out.push(' ');
    out.push_str(&crate::codec::json::int(i64::from(d)));
    out.push(' ');
    out.extend(two(sod / 3600));
    out.push(':');
    out.extend(two((sod / 60) % 60));
    out.push(':');
    out.extend(two(sod % 60));
    out.push_str(" UTC ");
    out.push_str(&crate::codec::json::int(y));
    out
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
    // Bytes, not str::split (its char searcher is ~0.5 KB of wasm); '_' is ASCII.
    let b = user_pool_id.as_bytes();
    match b.iter().position(|&c| c == b'_') {
        Some(i) => {
            // get(): slicing would link core's char-boundary panic (~3 KB).
            let rest = user_pool_id.get(i + 1..).unwrap_or("");
            let end = rest.bytes().position(|c| c == b'_').unwrap_or(rest.len());
            rest.get(..end).unwrap_or(rest)
        }
        None => user_pool_id,
    }
}

/// A client's SRP state for one sign-in: the private `a` and public `A`.
pub struct SrpClient {
    a: Zeroizing<U3072>,
    a_bits: usize,
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
    /// `random` is [`A_RANDOM_BYTES`] long in use; tests pass the SDKs' 128.
    pub fn new(random: &[u8]) -> Result<Self, AuthError> {
        let a = private_a(random);
        let a_bits = random.len().min(N_BYTES) * 8;
        let big_a = public_a(&a, a_bits);
        if a.is_zero() || random.len() < A_RANDOM_BYTES {
            // Only when the random bytes were all zero (the caller's RNG is broken)
            // or too few were drawn.
            return Err(AuthError::new(
                "SrpRandomnessException",
                "The random source produced an unusable SRP value.",
            ));
        }
        Ok(Self { a, a_bits, big_a })
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
        if big_b.reduce().is_zero() {
            return Err(bad_challenge("SRP_B", "is zero modulo N"));
        }
        if salt_hex.is_empty() {
            return Err(bad_challenge("SALT", "is empty"));
        }
        let salt = parse_uint(salt_hex, "SALT")?;
        let secret_block = b64::decode(crate::codec::trim(secret_block_b64))
            .ok_or_else(|| bad_challenge("SECRET_BLOCK", "is not base64"))?;
        if secret_block.is_empty() {
            return Err(bad_challenge("SECRET_BLOCK", "is empty"));
        }
        let u = compute_u(&self.big_a, &big_b);
        if u.is_zero() {
            return Err(bad_challenge("SRP_B", "gives a zero scrambling parameter"));
        }
        let x = compute_x(&salt, pool, user_id_for_srp, password);
        let s = compute_s(&big_b, &self.a, self.a_bits, &u, &x);
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
    fn broken_or_short_randomness_is_refused() {
        for bad in [
            &[0u8; A_RANDOM_BYTES][..],
            &[0u8; 128][..],
            &[7u8; A_RANDOM_BYTES - 1][..],
        ] {
            let err = SrpClient::new(bad).unwrap_err();
            assert_eq!(err.name, "SrpRandomnessException");
        }
        assert!(SrpClient::new(&[7u8; A_RANDOM_BYTES]).is_ok());
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
