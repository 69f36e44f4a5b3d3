//! What the typed flows share below them: the HTTP exchange (`env`), errors, the
//! service error codes and hints (`protocol`), the hosted UI's URLs and PKCE (`oauth`),
//! base64 and hex. Pure: no JavaScript, no I/O.
pub mod b64;
pub mod env;
pub mod error;
pub mod hex;
pub mod oauth;
pub mod protocol;
// Moved to crate::crypto; these paths stay for the code and tests that use them.
pub use crate::crypto::{bigint, device_srp, srp};
