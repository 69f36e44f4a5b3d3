//! Hex helpers: Cognito sends SRP integers as unpadded hex of any length.

#[allow(unused_imports)]
use crate::prelude::*;
const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Lower-case hex of bytes.
pub fn encode(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

pub fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Decodes a hex integer; an odd number of digits means a leading zero nibble.
/// Returns `None` for an empty string or a non-hex character.
pub fn decode_int(s: &str) -> Option<Vec<u8>> {
    let s = s.as_bytes();
    if s.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() / 2 + 1);
    let mut i = 0;
    if s.len() % 2 == 1 {
        out.push(nibble(s[0])?);
        i = 1;
    }
    while i < s.len() {
        out.push(nibble(s[i])? << 4 | nibble(s[i + 1])?);
        i += 2;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)] // `vec!` when the crate is built without std
    use crate::prelude::*;

    #[test]
    fn round_trip_and_odd_length() {
        assert_eq!(super::encode(&[0, 0xab, 0x10]), "00ab10");
        assert_eq!(super::decode_int("abc"), Some(vec![0x0a, 0xbc]));
        assert_eq!(super::decode_int("00FF"), Some(vec![0, 0xff]));
        assert_eq!(super::decode_int(""), None);
        assert_eq!(super::decode_int("0g"), None);
    }
}
