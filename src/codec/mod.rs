#![forbid(unsafe_code)]
#![warn(unused_qualifications, missing_debug_implementations)]
//! Encodings the typed wire layer needs, with no serde: JSON ([`json`]).
pub mod json;

#[allow(unused_imports)]
use crate::prelude::*;

/// The pieces joined: `[a, b].concat()` without its generic join (~1.2 KB of wasm).
pub fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}
