//! The pure core: no JavaScript, no I/O. Randomness, clock, storage and transport
//! come in through [`env::Env`], so everything here runs under `cargo test`.
//! The no_std typed core (feature `engine-v2`) shares the crypto and encodings.
#[cfg(not(feature = "typed"))]
pub mod auth;
pub mod b64;
#[cfg(not(feature = "typed"))]
pub mod config;
pub mod env;
pub mod error;
pub mod hex;
#[cfg(not(feature = "typed"))]
pub mod json;
#[cfg(not(feature = "typed"))]
pub mod jwt;
pub mod oauth;
pub mod protocol;
#[cfg(not(feature = "typed"))]
pub mod session;
// Moved to crate::crypto; these paths stay for the code and tests that use them.
pub use crate::crypto::{bigint, device_srp, srp};
