//! The HTTP exchange as the sans-IO flows see it: the request they ask the driver to
//! send, and the reply the driver hands back.

#[allow(unused_imports)]
use crate::prelude::*;

/// One HTTP POST to a Cognito endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpRequest {
    pub url: String,
    pub headers: Vec<(&'static str, String)>,
    /// JSON text. May hold secrets: never log it.
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    /// `x-amzn-requestid`, when the server sent one.
    pub request_id: Option<String>,
    /// `x-amzn-errortype`, when the server sent one.
    pub error_type: Option<String>,
    pub body: String,
}
