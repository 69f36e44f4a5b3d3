//! The typed wasm modules, each built alone with its Cargo feature: the typed core
//! (`core`, feature `engine-v2`) and the modules the driver loads on first use
//! (`steps`, `oauth`, `identity`, `account`). What they share: the boundary's
//! contract (`abi`) and the allocator (`alloc`). Only this folder touches raw pointers.

pub(crate) mod abi;
#[cfg(feature = "module-account")]
pub mod account;
mod alloc;
#[cfg(feature = "engine-v2")]
pub mod core;
#[cfg(feature = "module-identity")]
pub mod identity;
#[cfg(feature = "module-oauth")]
pub mod oauth;
#[cfg(feature = "module-steps")]
pub mod steps;
