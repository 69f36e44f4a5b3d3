//! Base64 (RFC 4648): the standard alphabet with padding, and the URL-safe one
//! without. Hand-written: the `base64` crate cost ~6 KB of wasm for these four calls.

#[allow(unused_imports)]
use crate::prelude::*;
const STD: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn encode_with(bytes: &[u8], alphabet: &[u8; 64], pad: bool) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(alphabet[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
        if pad {
            for _ in chunk.len()..3 {
                out.push('=');
            }
        }
    }
    out
}

/// Standard alphabet, padded.
pub fn encode(bytes: &[u8]) -> String {
    encode_with(bytes, STD, true)
}

/// URL-safe alphabet, no padding (JWTs, PKCE).
pub fn encode_url(bytes: &[u8]) -> String {
    encode_with(bytes, URL, false)
}

fn value(c: u8, alphabet: &[u8; 64]) -> Option<u32> {
    alphabet.iter().position(|&a| a == c).map(|v| v as u32)
}

/// Decodes `s` in `alphabet`; trailing `=` padding is optional. `None` for any
/// other character or an impossible length.
fn decode_with(s: &str, alphabet: &[u8; 64]) -> Option<Vec<u8>> {
    let s = s.trim_end_matches('=').as_bytes();
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            n |= value(*c, alphabet)? << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

pub fn decode(s: &str) -> Option<Vec<u8>> {
    decode_with(s, STD)
}

pub fn decode_url(s: &str) -> Option<Vec<u8>> {
    decode_with(s, URL)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, b64) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode(plain.as_bytes()), b64);
            assert_eq!(decode(b64).unwrap(), plain.as_bytes());
            assert_eq!(decode(b64.trim_end_matches('=')).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode_url(&[0xfb, 0xff]), "-_8");
        assert_eq!(decode_url("-_8").unwrap(), [0xfb, 0xff]);
        for bad in ["a", "ab$c", "Zm9v\n", "-_8="] {
            assert!(decode(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn all_byte_values_round_trip() {
        let data: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for n in 0..data.len() {
            assert_eq!(decode(&encode(&data[..n])).unwrap(), &data[..n]);
            assert_eq!(decode_url(&encode_url(&data[..n])).unwrap(), &data[..n]);
        }
    }
}
