//! The arithmetic of sign-in: constant-time Montgomery bigints (`bigint`), Cognito's SRP
//! (`srp`) and a device's SRP (`device_srp`), agreeing byte for byte with
//! amazon-cognito-identity-js (tests/vectors). Pure: randomness and the clock come in.

pub mod bigint;
pub mod device_srp;
pub mod srp;
