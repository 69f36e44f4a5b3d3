#![forbid(unsafe_code)]
#![warn(unused_qualifications, missing_debug_implementations)]
//! Encodings the typed wire layer needs, with no serde: JSON ([`json`]).
pub mod json;
