//! The pure core: no JavaScript, no I/O. Randomness, clock, storage and transport
//! come in through [`env::Env`], so everything here runs under `cargo test`.
//! The no_std typed core (feature `engine-v2`) shares the crypto and encodings.
#[cfg(not(feature = "typed"))]
pub mod auth;
pub mod b64;
pub mod bigint;
#[cfg(not(feature = "typed"))]
pub mod config;
pub mod device_srp;
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
pub mod srp;
