//! The pure core: no JavaScript, no I/O. Randomness, clock, storage and transport
//! come in through the traits in [`env`], so everything here runs under `cargo test`.
pub mod config;
pub mod env;
pub mod error;
pub mod hex;
pub mod jwt;
pub mod srp;
