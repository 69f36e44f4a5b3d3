//! What every Cognito service error shares: the error code as Cognito spells it (the
//! typed reply readers in `crate::wire` use it). The recovery hints people read are the
//! JavaScript layer's (`pkg-template/hints.ts`), once for every module.

pub const USER_AGENT: &str = concat!("cognito-wasm/", env!("CARGO_PKG_VERSION"));

/// `com.amazonaws...#NotAuthorizedException:http://...` → `NotAuthorizedException`.
pub fn sanitize_error_code(raw: &str) -> &str {
    // Up to the first ',' or ':', after the last '#' before it. Bytes, not str::split:
    // its char searchers are ~1.5 KB of wasm; the delimiters are ASCII.
    let b = raw.as_bytes();
    let end = b
        .iter()
        .position(|&c| c == b',' || c == b':')
        .unwrap_or(b.len());
    let start = b
        .get(..end)
        .and_then(|head| head.iter().rposition(|&c| c == b'#'))
        .map_or(0, |i| i + 1);
    crate::codec::trim(raw.get(start..end).unwrap_or(""))
}
