//! cognito-wasm: Amazon Cognito authentication for web apps.
//!
//! Layers, each pure and tested natively with `cargo test`: [`crypto`] (SRP, device
//! SRP, the 3072-bit arithmetic), [`codec`] (JSON without serde), [`wire`] (one request
//! builder and one reply reader per Cognito operation), [`flows`] (sans-IO state
//! machines that return the next request instead of sending it) over [`core`] (errors,
//! the HTTP exchange, hosted UI URLs, encodings). `modules` (wasm only) exports them to
//! the JavaScript driver, one small wasm module per feature.
// No unsafe code outside the typed modules' ABI, exports and allocator (modules/).
#![deny(unsafe_code)]
#![warn(rust_2018_idioms, unused_lifetimes)]
// The typed core's module builds without std (see `engine-v2` in Cargo.toml).
#![cfg_attr(feature = "typed", no_std)]

extern crate alloc;

/// What std's prelude gives, from `alloc`, for the modules the no_std build shares.
mod prelude {
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

/// The typed wasm modules: their C ABI, allocator and exports, one file per module
/// (each built alone with its feature; see Cargo.toml).
#[cfg(all(target_arch = "wasm32", feature = "typed"))]
mod modules;
