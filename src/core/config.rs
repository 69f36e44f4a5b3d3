//! Configuration in Amplify v6's `{ Auth: { Cognito } }` form. The package's
//! `config.js` turns Gen1 (aws-exports) and Gen2 (`amplify_outputs.json`) objects into
//! this form and checks them before the engine is loaded; the checks here are the
//! same, so a config the engine accepts is one `configure()` accepted. Every error
//! names the field at fault.

use crate::core::error::AuthError;
pub use crate::core::oauth::OAuthConfig;
use serde_json::{json, Map, Value};

/// What the client needs at run time, plus the normalised v6 object for `getConfig()`.
#[derive(Clone, Debug, PartialEq)]
pub struct CognitoConfig {
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    pub region: String,
    /// Where Cognito requests go: `userPoolEndpoint`, or the regional URL.
    pub endpoint: String,
    /// The normalised `{ Auth: { Cognito: {...} } }` object.
    pub normalised: Value,
    /// The hosted UI, when `loginWith.oauth` is configured.
    pub oauth: Option<OAuthConfig>,
    /// Identity pool id, its endpoint and whether guests get credentials.
    pub identity_pool: Option<IdentityPoolConfig>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IdentityPoolConfig {
    pub id: String,
    pub endpoint: String,
    pub allow_guest_access: bool,
}

fn field_error(field: &str, why: &str) -> AuthError {
    AuthError::new(
        "InvalidConfigException",
        format!("Invalid configuration: {field} {why}."),
    )
    .with_recovery(format!(
        "Fix {field} in the object passed to configure(); see the Amplify configuration formats."
    ))
}

fn opt_str<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'a str>, AuthError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim())),
        Some(_) => Err(field_error(&format!("{path}{key}"), "must be a string")),
    }
}

fn opt_obj<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'a Map<String, Value>>, AuthError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(m)) => Ok(Some(m)),
        Some(_) => Err(field_error(&format!("{path}{key}"), "must be an object")),
    }
}

fn str_list(obj: &Map<String, Value>, key: &str, path: &str) -> Result<Vec<String>, AuthError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(vec![]),
        Some(Value::String(s)) => Ok(vec![s.clone()]),
        Some(Value::Array(a)) => a
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| field_error(&format!("{path}{key}"), "must hold only strings"))
            })
            .collect(),
        Some(_) => Err(field_error(
            &format!("{path}{key}"),
            "must be a list of strings",
        )),
    }
}

fn truthy(v: Option<&Value>) -> bool {
    match v {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s == "true" || s == "enable",
        _ => false,
    }
}

/// The region of a pool id such as `us-east-1_AbC123`.
pub fn region_of(user_pool_id: &str) -> Option<&str> {
    let (region, id) = user_pool_id.split_once('_')?;
    let ok_region = !region.is_empty()
        && region.split('-').count() >= 3
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    let ok_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric());
    (ok_region && ok_id).then_some(region)
}

fn default_endpoint(region: &str) -> String {
    let suffix = if region.starts_with("cn-") {
        "amazonaws.com.cn"
    } else {
        "amazonaws.com"
    };
    format!("https://cognito-idp.{region}.{suffix}/")
}

/// Parses the v6 form. `raw` is the object `configure()` normalised.
pub fn parse(raw: &Value) -> Result<CognitoConfig, AuthError> {
    let Value::Object(top) = raw else {
        return Err(field_error("config", "must be an object"));
    };
    let Some(auth) = opt_obj(top, "Auth", "")? else {
        return Err(field_error("Auth.Cognito", "is missing"));
    };
    let Some(c) = opt_obj(auth, "Cognito", "Auth.")? else {
        return Err(field_error("Auth.Cognito", "is missing"));
    };
    finish(v6(c)?)
}

/// Checks the normalised `Auth.Cognito` object and derives region and endpoint.
fn finish(c: Map<String, Value>) -> Result<CognitoConfig, AuthError> {
    let p = "Auth.Cognito.";
    let pool = opt_str(&c, "userPoolId", p)?
        .ok_or_else(|| field_error("Auth.Cognito.userPoolId", "is missing"))?;
    let region = region_of(pool)
        .ok_or_else(|| {
            field_error(
                "Auth.Cognito.userPoolId",
                "is not a user pool id like us-east-1_AbC123",
            )
        })?
        .to_string();
    let client = opt_str(&c, "userPoolClientId", p)?
        .ok_or_else(|| field_error("Auth.Cognito.userPoolClientId", "is missing"))?;
    if !client
        .chars()
        .all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')
    {
        return Err(field_error(
            "Auth.Cognito.userPoolClientId",
            "has characters an app client id cannot have",
        ));
    }
    let endpoint = match opt_str(&c, "userPoolEndpoint", p)? {
        Some(e) if e.starts_with("https://") || e.starts_with("http://") => e.to_string(),
        Some(_) => {
            return Err(field_error(
                "Auth.Cognito.userPoolEndpoint",
                "must be an http(s) URL",
            ))
        }
        None => default_endpoint(&region),
    };
    if let Some(m) = opt_str(&c, "signUpVerificationMethod", p)? {
        if m != "code" && m != "link" {
            return Err(field_error(
                "Auth.Cognito.signUpVerificationMethod",
                "must be \"code\" or \"link\"",
            ));
        }
    }
    for key in ["loginWith", "userAttributes", "passwordFormat", "mfa"] {
        opt_obj(&c, key, p)?;
    }
    let oauth = match opt_obj(&c, "loginWith", p)?
        .map(|l| opt_obj(l, "oauth", "Auth.Cognito.loginWith."))
    {
        Some(Ok(Some(o))) => Some(oauth_config(o)?),
        Some(Err(e)) => return Err(e),
        _ => None,
    };
    let identity_pool = match opt_str(&c, "identityPoolId", p)? {
        Some(id) => {
            let region = id
                .split_once(':')
                .map(|(r, _)| r)
                .filter(|r| r.split('-').count() >= 3)
                .ok_or_else(|| {
                    field_error(
                        "Auth.Cognito.identityPoolId",
                        "is not an identity pool id like us-east-1:1234-…",
                    )
                })?;
            let endpoint = match opt_str(&c, "identityPoolEndpoint", p)? {
                Some(e) if e.starts_with("https://") || e.starts_with("http://") => e.to_string(),
                Some(_) => {
                    return Err(field_error(
                        "Auth.Cognito.identityPoolEndpoint",
                        "must be an http(s) URL",
                    ))
                }
                None => {
                    let suffix = if region.starts_with("cn-") {
                        "amazonaws.com.cn"
                    } else {
                        "amazonaws.com"
                    };
                    format!("https://cognito-identity.{region}.{suffix}/")
                }
            };
            Some(IdentityPoolConfig {
                id: id.to_string(),
                endpoint,
                allow_guest_access: truthy(c.get("allowGuestAccess")),
            })
        }
        None => None,
    };
    let (pool, client) = (pool.to_string(), client.to_string());
    Ok(CognitoConfig {
        oauth,
        identity_pool,
        user_pool_id: pool,
        user_pool_client_id: client,
        region,
        endpoint,
        normalised: json!({ "Auth": { "Cognito": Value::Object(c) } }),
    })
}

fn oauth_config(o: &Map<String, Value>) -> Result<OAuthConfig, AuthError> {
    let p = "Auth.Cognito.loginWith.oauth.";
    let domain = opt_str(o, "domain", p)?
        .ok_or_else(|| field_error("Auth.Cognito.loginWith.oauth.domain", "is missing"))?;
    let base_url = if domain.starts_with("https://") || domain.starts_with("http://") {
        domain.trim_end_matches('/').to_string()
    } else {
        format!("https://{domain}")
    };
    let redirect_sign_in = str_list(o, "redirectSignIn", p)?;
    if redirect_sign_in.is_empty() {
        return Err(field_error(
            "Auth.Cognito.loginWith.oauth.redirectSignIn",
            "is missing",
        ));
    }
    let response_type = opt_str(o, "responseType", p)?.unwrap_or("code").to_string();
    if response_type != "code" && response_type != "token" {
        return Err(field_error(
            "Auth.Cognito.loginWith.oauth.responseType",
            "must be \"code\" or \"token\"",
        ));
    }
    Ok(OAuthConfig {
        base_url,
        scopes: str_list(o, "scopes", p)?,
        redirect_sign_in,
        redirect_sign_out: str_list(o, "redirectSignOut", p)?,
        response_type,
    })
}

fn v6(c: &Map<String, Value>) -> Result<Map<String, Value>, AuthError> {
    let mut out = c.clone();
    // Trim ids so a stray space in a pasted id does not become a server error.
    for key in [
        "userPoolId",
        "userPoolClientId",
        "identityPoolId",
        "userPoolEndpoint",
    ] {
        if let Some(s) = opt_str(c, key, "Auth.Cognito.")? {
            out.insert(key.into(), s.into());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v6_form_with_endpoint() {
        let c = parse(&json!({"Auth": {"Cognito": {
            "userPoolId": "eu-west-2_Abc123", "userPoolClientId": "client1",
            "userPoolEndpoint": "http://127.0.0.1:4566"
        }}}))
        .unwrap();
        assert_eq!(c.region, "eu-west-2");
        assert_eq!(c.endpoint, "http://127.0.0.1:4566");
        assert_eq!(
            c.normalised["Auth"]["Cognito"]["userPoolClientId"],
            "client1"
        );
    }

    #[test]
    fn regional_endpoint_from_pool_id() {
        let c = parse(
            &json!({"Auth": {"Cognito": {"userPoolId": "cn-north-1_X1", "userPoolClientId": "c"}}}),
        )
        .unwrap();
        assert_eq!(
            c.endpoint,
            "https://cognito-idp.cn-north-1.amazonaws.com.cn/"
        );
    }

    #[test]
    fn errors_name_the_field() {
        let cases = [
            (json!(5), "config"),
            (json!({"Auth": {}}), "Auth.Cognito"),
            (
                json!({"Auth": {"Cognito": {"userPoolClientId": "c"}}}),
                "Auth.Cognito.userPoolId",
            ),
            (
                json!({"Auth": {"Cognito": {"userPoolId": "nope", "userPoolClientId": "c"}}}),
                "Auth.Cognito.userPoolId",
            ),
            (
                json!({"Auth": {"Cognito": {"userPoolId": "us-east-1_a"}}}),
                "Auth.Cognito.userPoolClientId",
            ),
            (
                json!({"Auth": {"Cognito": {"userPoolId": 7}}}),
                "Auth.Cognito.userPoolId",
            ),
            (
                json!({"Auth": {"Cognito": {"userPoolId": "us-east-1_a", "userPoolClientId": "c", "userPoolEndpoint": "ftp://x"}}}),
                "Auth.Cognito.userPoolEndpoint",
            ),
            (json!({}), "Auth.Cognito"),
        ];
        for (cfg, field) in cases {
            let e = parse(&cfg).unwrap_err();
            assert_eq!(e.name, "InvalidConfigException");
            assert!(
                e.message.contains(field),
                "{} should name {field}",
                e.message
            );
        }
    }
}
