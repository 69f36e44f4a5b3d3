//! cognito-wasm: Amazon Cognito authentication for web apps.
//!
//! Layers, each pure and tested natively with `cargo test`: [`crypto`] (SRP, device
//! SRP, the 3072-bit arithmetic), [`codec`] (JSON without serde), [`wire`] (one request
//! builder and one reply reader per Cognito operation), [`flows`] (sans-IO state
//! machines that return the next request instead of sending it) over [`core`] (errors,
//! the HTTP exchange, hosted UI URLs, encodings). The wasm facade (the `cognito-wasm-modules`
//! crate in wasm/) exports them to the JavaScript driver, one small wasm module per
//! feature; its ABI and allocator are the project's only unsafe code.
#![forbid(unsafe_code)]
#![warn(rust_2018_idioms, unused_lifetimes)]
// The wasm modules build it without std (feature `typed`, set by wasm/Cargo.toml).
#![cfg_attr(feature = "typed", no_std)]

extern crate alloc;

/// What std's prelude gives, from `alloc`, for the modules the no_std build shares
/// (and the wasm facade, `wasm/`).
#[doc(hidden)]
pub mod prelude {
    #[allow(unused_imports)]
    pub use alloc::{
        borrow::ToOwned,
        boxed::Box,
        format,
        string::{String, ToString},
        vec,
        vec::Vec,
    };
}

pub mod codec;
pub mod core;
pub mod crypto;
pub mod flows;
pub mod wire;
