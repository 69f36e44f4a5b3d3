//! `SrpClient::password_claim` (and the device variant) on any SALT, SRP_B and
//! SECRET_BLOCK: never panics; either a well-formed claim or a named
//! `InvalidChallengeException` (`DeviceMetadataNotFoundException` for an
//! incomplete device secret).
//!
//! Tape: flags (bit 0: random `a` from the tape instead of the fixed one; bit 1:
//! device SRP), then SALT, SRP_B (see `hex`), SECRET_BLOCK (see `block`), pool,
//! user id, password, clock (`examples/seeds.rs` writes the same format).
#![no_main]
use base64::engine::general_purpose::{STANDARD, URL_SAFE};
use base64::Engine as _;
use cognito_wasm::core::device_srp::DeviceSecret;
use cognito_wasm::core::hex;
use cognito_wasm::core::srp::{modulus, SrpClient, A_RANDOM_BYTES};
use cognito_wasm_fuzz::*;
use crypto_bigint::U3072;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Hex digits of lengths around the interesting sizes (0, N, multiples, > 3072 bits).
const LENGTHS: [usize; 10] = [0, 1, 2, 64, 767, 768, 769, 770, 1536, 2049];

fn n_hex() -> String {
    hex::encode(&modulus().to_be_bytes())
}

/// Special integers: 0, 1, N−1, N, N+1, 2^3072−1, 2N's hex (> 3072 bits), g.
fn special(t: &mut Tape) -> String {
    let n = U3072::from_be_slice(&modulus().to_be_bytes());
    let h = |x: U3072| hex::encode(&x.to_be_bytes());
    match t.u8() % 8 {
        0 => "0".into(),
        1 => "1".into(),
        2 => h(n.wrapping_sub(&U3072::ONE)),
        3 => n_hex(),
        4 => h(n.wrapping_add(&U3072::ONE)),
        5 => "f".repeat(768),
        6 => format!("1{}", h(n.wrapping_add(&n))), // 2N: one bit more than 3072
        _ => "2".into(),
    }
}

fn hex_value(t: &mut Tape) -> String {
    let mut s = match t.u8() % 8 {
        0 => return t.string(),
        1 => hex::encode(t.bytes()),
        2 => hex::encode(t.bytes()).to_ascii_uppercase(),
        3 => special(t),
        4 => {
            let len = t.pick(&LENGTHS);
            let digits = hex::encode(t.bytes());
            let digits = if digits.is_empty() {
                "7".to_string()
            } else {
                digits
            };
            digits.chars().cycle().take(len).collect()
        }
        5 => {
            let s = hex::encode(t.bytes());
            s.get(1..).unwrap_or("").to_string() // odd length
        }
        6 => {
            let mut s = hex::encode(t.bytes());
            let at = usize::from(t.u16()) % (s.len() + 1);
            s.insert(at, t.pick(&['g', ' ', '-', 'x', '\u{e9}', '\0']));
            s
        }
        _ => String::new(),
    };
    // Leading zeros: a long string can still be a small number.
    let zeros = usize::from(t.u8());
    if zeros > 200 {
        s.insert_str(0, &"0".repeat((zeros - 200) * 16));
    }
    s
}

fn block(t: &mut Tape) -> String {
    match t.u8() % 6 {
        0 => t.string(),
        1 => STANDARD.encode(t.bytes()),
        2 => format!(" \n{}\t", STANDARD.encode(t.bytes())),
        3 => URL_SAFE.encode(t.bytes()),
        4 => String::new(),
        _ => STANDARD.encode(t.bytes()).trim_end_matches('=').to_string(),
    }
}

fn fixed() -> &'static SrpClient {
    static C: OnceLock<SrpClient> = OnceLock::new();
    C.get_or_init(|| SrpClient::new(&[0x5a; A_RANDOM_BYTES]).expect("fixed a"))
}

fuzz_target!(|data: &[u8]| {
    let mut t = Tape::new(data);
    let flags = t.u8();
    let own;
    let client: &SrpClient = if flags & 1 != 0 {
        let mut a = [0u8; A_RANDOM_BYTES];
        let src = t.bytes();
        a[..src.len().min(A_RANDOM_BYTES)].copy_from_slice(&src[..src.len().min(A_RANDOM_BYTES)]);
        match SrpClient::new(&a) {
            Ok(c) => {
                own = c;
                &own
            }
            Err(e) => {
                check_error(&e);
                assert_eq!(e.name, "SrpRandomnessException");
                assert!(a.iter().all(|&b| b == 0), "a non-zero a was refused");
                return;
            }
        }
    } else {
        fixed()
    };
    let salt = hex_value(&mut t);
    let srp_b = hex_value(&mut t);
    let secret_block = block(&mut t);
    let pool = t.pick(&[POOL_ID, "", "nounderscore", "a_b_c"]).to_string();
    let user_id = t.string();
    let password = t.string();
    let now = match t.u8() % 4 {
        0 => NOW_MS,
        1 => 0.0,
        2 => -1.0,
        _ => f64::from_bits(t.u64()),
    };
    let result = if flags & 2 != 0 {
        // As the sign-in machine proves a device: the secret checked, then the group
        // key, whole, in the pool's place.
        let secret = DeviceSecret::new(user_id, pool, password);
        if let Err(e) = secret.validate() {
            assert_eq!(e.name, "DeviceMetadataNotFoundException");
            return;
        }
        let device = SrpClient::new(&[0x5a; A_RANDOM_BYTES]).expect("fixed a");
        device.password_claim_for(
            &secret.device_group_key,
            &secret.device_key,
            &secret.random_password,
            &salt,
            &srp_b,
            &secret_block,
            now,
        )
    } else {
        client.password_claim(
            &pool,
            &user_id,
            &password,
            &salt,
            &srp_b,
            &secret_block,
            now,
        )
    };
    let short = |s: &str| s.chars().take(24).collect::<String>();
    trace!(
        "flags {flags} salt {:?}… ({} chars) B {:?}… ({} chars) block {:?}… -> {:?}",
        short(&salt),
        salt.len(),
        short(&srp_b),
        srp_b.len(),
        short(&secret_block),
        result.as_ref().map_err(|e| &e.message)
    );
    match result {
        Ok(claim) => {
            assert_eq!(claim.secret_block, secret_block);
            assert!(claim.timestamp.contains(" UTC "), "{}", claim.timestamp);
            let sig = STANDARD
                .decode(&claim.signature)
                .expect("signature is base64");
            assert_eq!(sig.len(), 32);
        }
        Err(e) => {
            check_error(&e);
            assert_eq!(e.name, "InvalidChallengeException", "{e:?}");
        }
    }
});
