//! JSON text to and from `serde_json::Value`, written for this crate's needs.
//!
//! `serde_json`'s own reader and writer go through serde's generic visitor and
//! serializer machinery, about 25 KB of wasm; this is a few KB. Values keep
//! serde_json's types, so the rest of the code is unchanged. RFC 8259: any value
//! at the top level, no trailing commas, no comments, surrogate pairs joined;
//! a lone surrogate escape becomes U+FFFD; nesting is limited so hostile input
//! cannot exhaust the stack. Strings and doubles are read by the typed layer's
//! reader (`codec::json`), so the two readers agree. Checked against serde_json in
//! tests/json_oracle.rs.

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

    /// At an opening quote: read as the typed layer reads strings (one implementation).
    fn string(&mut self) -> Option<String> {
        let mut p = crate::codec::json::Parser {
            s: self.s,
            i: self.i,
        };
        let out = p.string();
        self.i = p.i;
        out
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
        Number::from_f64(crate::codec::json::parse_num(text)).map(Value::Number)
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
