//! cognito-wasm's wasm facade: the typed wasm modules over the pure core crate
//! (`cognito-wasm`, which forbids unsafe code). Each module is this crate built alone
//! with its Cargo feature (scripts/build.sh): the typed core (`core`, feature
//! `engine-v2`) and the modules the driver loads on first use (`steps`, `oauth`,
//! `identity`, `account`). What they share: the boundary's contract (`abi`) and the
//! allocator (`heap`). Only this crate touches raw pointers, and it holds no protocol,
//! cryptography or session rules of its own: those are the core's.
//!
//! Built for wasm32 only; on other targets it is empty, so a native `--workspace` build
//! (tests, clippy) never links a second allocator or panic handler.
#![cfg_attr(target_arch = "wasm32", no_std)]
// Unsafe code only where a file says why (the ABI's raw pointers, the allocator).
#![deny(unsafe_code)]
#![warn(rust_2018_idioms, unused_lifetimes)]

#[cfg(target_arch = "wasm32")]
extern crate alloc;

/// What std's prelude gives, from `alloc`: the core's.
#[cfg(target_arch = "wasm32")]
use cognito_wasm::prelude;

#[cfg(target_arch = "wasm32")]
mod abi;
#[cfg(all(target_arch = "wasm32", feature = "module-account"))]
pub mod account;
#[cfg(all(target_arch = "wasm32", feature = "engine-v2"))]
pub mod core;
#[cfg(target_arch = "wasm32")]
mod heap;
#[cfg(all(target_arch = "wasm32", feature = "module-identity"))]
pub mod identity;
#[cfg(all(target_arch = "wasm32", feature = "module-oauth"))]
pub mod oauth;
#[cfg(all(target_arch = "wasm32", feature = "module-steps"))]
pub mod steps;
