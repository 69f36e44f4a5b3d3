//! The pure core: no JavaScript, no I/O. Randomness, clock, storage and transport
//! come in through [`env::Env`], so everything here runs under `cargo test`.
pub mod auth;
pub mod b64;
pub mod bigint;
pub mod config;
pub mod device_srp;
pub mod env;
pub mod error;
pub mod hex;
pub mod json;
pub mod jwt;
pub mod oauth;
pub mod protocol;
pub mod session;
pub mod srp;
