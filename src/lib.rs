//! cognito-wasm: Amazon Cognito authentication for web apps.
//!
//! [`core`] is pure Rust (SRP, protocol, sign-in state, session) and runs under
//! `cargo test`; [`wasm`] is the thin browser facade compiled to WebAssembly.
pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod wasm;
