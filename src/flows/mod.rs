//! Sign-in and session flows as state machines: each returns the next step (a
//! request to send, a key to look up, tokens to keep) instead of doing it, so the
//! logic runs and is tested without a network, a clock or storage, and one small
//! driver does the I/O for every flow.
#![forbid(unsafe_code)]
#![warn(unused_qualifications, missing_debug_implementations)]

pub mod account;
pub mod challenge;
pub mod device;
pub mod identity;
pub mod redirect;
pub mod refresh;
pub mod session;
pub mod sign_in;
