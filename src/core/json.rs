//! JSON text to and from `serde_json::Value`, written for this crate's needs.
//!
//! `serde_json`'s own reader and writer go through serde's generic visitor and
//! serializer machinery, about 25 KB of wasm; this is a few KB. Values keep
//! serde_json's types, so the rest of the code is unchanged. RFC 8259: any value
//! at the top level, no trailing commas, no comments, surrogate pairs joined;
//! a lone surrogate escape becomes U+FFFD; nesting is limited so hostile input
//! cannot exhaust the stack. Checked against serde_json in tests/json_oracle.rs.

use serde_json::{Map, Number, Value};

/// Nested arrays and objects: at most 127 deep, as serde_json allows.
const MAX_DEPTH: usize = 128;

/// Parses a JSON text; `None` if it is not one.
pub fn parse(text: &str) -> Option<Value> {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value(0)?;
    p.ws();
    (p.i == p.s.len()).then_some(v)
}

/// Parses JSON bytes (UTF-8); `None` if they are not a JSON text.
pub fn parse_bytes(bytes: &[u8]) -> Option<Value> {
    parse(core::str::from_utf8(bytes).ok()?)
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.s.get(self.i) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &[u8]) -> Option<()> {
        if self.s[self.i..].starts_with(lit) {
            self.i += lit.len();
            Some(())
        } else {
            None
        }
    }

    fn value(&mut self, depth: usize) -> Option<Value> {
        self.ws();
        match *self.s.get(self.i)? {
            b'{' if depth + 1 < MAX_DEPTH => {
                self.i += 1;
                let mut map = Map::new();
                self.ws();
                if self.eat(b"}").is_some() {
                    return Some(Value::Object(map));
                }
                loop {
                    self.ws();
                    if self.s.get(self.i) != Some(&b'"') {
                        return None;
                    }
                    let key = self.string()?;
                    self.ws();
                    self.eat(b":")?;
                    let v = self.value(depth + 1)?;
                    map.insert(key, v);
                    self.ws();
                    if self.eat(b",").is_none() {
                        self.eat(b"}")?;
                        return Some(Value::Object(map));
                    }
                }
            }
            b'[' if depth + 1 < MAX_DEPTH => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat(b"]").is_some() {
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    if self.eat(b",").is_none() {
                        self.eat(b"]")?;
                        return Some(Value::Array(items));
                    }
                }
            }
            b'{' | b'[' => None,
            b'"' => self.string().map(Value::String),
            b't' => self.eat(b"true").map(|_| Value::Bool(true)),
            b'f' => self.eat(b"false").map(|_| Value::Bool(false)),
            b'n' => self.eat(b"null").map(|_| Value::Null),
            _ => self.number(),
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let h = self.s.get(self.i..self.i + 4)?;
        self.i += 4;
        h.iter()
            .try_fold(0u32, |acc, &c| Some(acc << 4 | (c as char).to_digit(16)?))
    }

    /// At an opening quote.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character.
            let start = self.i;
            while let Some(&c) = self.s.get(self.i) {
                if c == b'"' || c == b'\\' || c < 0x20 {
                    break;
                }
                self.i += 1;
            }
            // The input is a &str and runs end at ASCII bytes: still valid UTF-8.
            out.push_str(core::str::from_utf8(&self.s[start..self.i]).ok()?);
            match *self.s.get(self.i)? {
                b'"' => {
                    self.i += 1;
                    return Some(out);
                }
                b'\\' => {
                    self.i += 1;
                    let c = *self.s.get(self.i)?;
                    self.i += 1;
                    out.push(match c {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi)
                                && self.s[self.i..].starts_with(b"\\u")
                            {
                                let save = self.i;
                                self.i += 2;
                                let lo = self.hex4()?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    self.i = save;
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                            char::from_u32(code).unwrap_or('\u{FFFD}')
                        }
                        _ => return None,
                    });
                }
                _ => return None, // a raw control character
            }
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.i;
        let digits = |p: &mut Self| {
            let from = p.i;
            while p.s.get(p.i).is_some_and(u8::is_ascii_digit) {
                p.i += 1;
            }
            p.i > from
        };
        self.eat(b"-");
        let int_start = self.i;
        if !digits(self) || (self.s[int_start] == b'0' && self.i - int_start > 1) {
            return None;
        }
        let mut float = false;
        if self.eat(b".").is_some() {
            float = true;
            if !digits(self) {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.s.get(self.i) {
            float = true;
            self.i += 1;
            if let Some(b'+' | b'-') = self.s.get(self.i) {
                self.i += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        let text = core::str::from_utf8(&self.s[start..self.i]).ok()?;
        // "-0" is a double (-0.0), as for serde_json and JavaScript.
        if !float && text != "-0" {
            if let Ok(n) = text.parse::<u64>() {
                return Some(Value::Number(n.into()));
            }
            if let Ok(n) = text.parse::<i64>() {
                return Some(Value::Number(n.into()));
            }
        }
        // Beyond 64 bits or fractional: a double, as JavaScript reads it.
        Number::from_f64(parse_f64(text)).map(Value::Number)
    }
}

/// A double from a JSON number's text (already validated). Exact for up to 15
/// significant digits and a power of ten up to 22 (Clinger's fast path: every
/// number Cognito sends, such as `1.700000000123E9`), else within a unit in the
/// last place. Not `str::parse`: core's correctly rounded parser brings ~10 KB
/// of incompressible tables into the wasm.
pub(crate) fn parse_f64(text: &str) -> f64 {
    let (neg, t) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (num, exp) = match t.find(['e', 'E']) {
        Some(i) => {
            let e = &t[i + 1..];
            let (neg_e, digits) = match e.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, e.trim_start_matches('+')),
            };
            // Saturating: anything past ±10^9 is zero or out of range anyway.
            let mag = digits.bytes().fold(0i64, |acc, c| {
                (acc * 10 + (c - b'0') as i64).min(1_000_000_000)
            });
            (&t[..i], if neg_e { -mag } else { mag })
        }
        None => (t, 0),
    };
    let mut mantissa: u64 = 0;
    let mut e10 = exp;
    let mut seen_point = false;
    for c in num.bytes() {
        if c == b'.' {
            seen_point = true;
            continue;
        }
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + (c - b'0') as u64;
            if seen_point {
                e10 -= 1;
            }
        } else if !seen_point {
            e10 += 1; // a dropped integer digit
        }
    }
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let m = mantissa as f64;
    let v = if mantissa == 0 {
        0.0
    } else if mantissa < (1 << 53) && (-22..=22).contains(&e10) {
        if e10 >= 0 {
            m * POW10[e10 as usize]
        } else {
            m / POW10[(-e10) as usize]
        }
    } else {
        let e = e10.clamp(-400, 400) as i32;
        // Two steps keep 10^e itself finite for the smallest doubles.
        let v = if e < -300 {
            m * 10f64.powi(e + 300) * 1e-300
        } else {
            m * 10f64.powi(e)
        };
        // Rounding in 10^e can overshoot the largest double by an ulp.
        let magnitude = e10 + mantissa.ilog10() as i64 + 1;
        if v.is_infinite() && magnitude <= 309 {
            f64::MAX
        } else {
            v
        }
    };
    if neg {
        -v
    } else {
        v
    }
}

/// The compact JSON text of a value (what `JSON.stringify` writes, keys in the
/// map's order).
pub fn to_string(v: &Value) -> String {
    let mut out = String::new();
    write(v, &mut out);
    out
}

fn write(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_str(k, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

fn write_str(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_shapes_cognito_sends() {
        let text = r#"{"AuthenticationResult":{"AccessToken":"a.b.c","ExpiresIn":3600,"NewDeviceMetadata":null},"ChallengeParameters":{},"List":[1.5e9,-2,true,"\u00e9\ud83d\ude00\n"]}"#;
        let v = parse(text).unwrap();
        assert_eq!(v["AuthenticationResult"]["ExpiresIn"], 3600);
        assert_eq!(v["List"][0].as_f64(), Some(1.5e9));
        assert_eq!(v["List"][3], "é😀\n");
        assert_eq!(parse(&to_string(&v)).unwrap(), v);
    }

    #[test]
    fn rejects_what_is_not_json() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            "-",
            "\"\\x\"",
            "tru",
            "[1] x",
            "\"a\u{1}\"",
            "{a:1}",
            "1e",
            ".5",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse(&"[".repeat(200)), None);
    }
}
