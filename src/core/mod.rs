//! The pure core: no JavaScript, no I/O. Randomness, clock, storage and transport
//! come in through [`env::Env`], so everything here runs under `cargo test`.
//! The no_std typed core (feature `engine-v2`) shares the crypto and encodings.
#[cfg(not(feature = "engine-v2"))]
pub mod auth;
pub mod b64;
pub mod bigint;
#[cfg(not(feature = "engine-v2"))]
pub mod config;
#[cfg(not(feature = "engine-v2"))]
pub mod device_srp;
pub mod env;
pub mod error;
pub mod hex;
#[cfg(not(feature = "engine-v2"))]
pub mod json;
#[cfg(not(feature = "engine-v2"))]
pub mod jwt;
#[cfg(not(feature = "engine-v2"))]
pub mod oauth;
pub mod protocol;
#[cfg(not(feature = "engine-v2"))]
pub mod session;
pub mod srp;
