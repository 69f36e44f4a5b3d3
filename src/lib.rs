//! cognito-wasm: Amazon Cognito authentication for web apps.
//!
//! [`core`] is pure Rust (SRP, protocol, sign-in state, session) and runs under
//! `cargo test`; [`wasm`] is the thin browser facade compiled to WebAssembly.
//!
//! The typed, sans-IO layers that replace `core`'s `serde_json::Value` engine
//! step by step (issue: core v2): [`codec`] (JSON without serde), [`wire`]
//! (one request builder and one reply reader per Cognito operation) and [`flows`]
//! (state machines that return the next request instead of sending it).
// No unsafe code outside the wasm facades: wasm-bindgen's generated glue (wasm/),
// the typed modules' ABI (wasm_abi.rs and the exports of wasm_v2.rs, wasm_steps.rs,
// wasm_device.rs, wasm_oauth.rs, wasm_identity.rs, wasm_account.rs) and their allocator (wasm_alloc.rs).
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
pub mod flows;
pub mod wire;

#[cfg(all(target_arch = "wasm32", not(feature = "typed")))]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "typed"))]
mod wasm_abi;
#[cfg(all(target_arch = "wasm32", feature = "module-account"))]
pub mod wasm_account;
#[cfg(all(target_arch = "wasm32", feature = "typed"))]
mod wasm_alloc;
#[cfg(all(target_arch = "wasm32", feature = "module-device"))]
pub mod wasm_device;
#[cfg(all(target_arch = "wasm32", feature = "module-identity"))]
pub mod wasm_identity;
#[cfg(all(target_arch = "wasm32", feature = "module-oauth"))]
pub mod wasm_oauth;
#[cfg(all(target_arch = "wasm32", feature = "module-steps"))]
pub mod wasm_steps;
#[cfg(all(target_arch = "wasm32", feature = "engine-v2"))]
pub mod wasm_v2;
