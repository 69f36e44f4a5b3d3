//! Configuration: Amplify v6 (`{ Auth: { Cognito } }`), Gen1 aws-exports /
//! `amplifyconfiguration.json`, and Gen2 `amplify_outputs.json`, all normalised to
//! the v6 `Auth.Cognito` shape. Every error names the field at fault.

use crate::core::error::AuthError;
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
pub struct OAuthConfig {
    /// Base URL of the hosted UI: `https://<domain>`, or the domain itself when it
    /// already names a scheme (a local emulator on `http://127.0.0.1:<port>`).
    pub base_url: String,
    pub scopes: Vec<String>,
    pub redirect_sign_in: Vec<String>,
    pub redirect_sign_out: Vec<String>,
    /// `code` (PKCE) or `token` (implicit).
    pub response_type: String,
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

/// Parses any supported format. `raw` is the object the app passed to `configure()`.
pub fn parse(raw: &Value) -> Result<CognitoConfig, AuthError> {
    let Value::Object(top) = raw else {
        return Err(field_error("config", "must be an object"));
    };
    let cognito = if let Some(auth) = opt_obj(top, "Auth", "")? {
        let Some(c) = opt_obj(auth, "Cognito", "Auth.")? else {
            return Err(field_error("Auth.Cognito", "is missing"));
        };
        v6(c)?
    } else if top.contains_key("version") || opt_obj(top, "auth", "")?.is_some() {
        gen2(top)?
    } else if top.keys().any(|k| k.starts_with("aws_")) {
        gen1(top)?
    } else {
        return Err(field_error(
            "Auth.Cognito",
            "is missing (expected Amplify v6 { Auth: { Cognito } }, aws-exports or amplify_outputs.json)",
        ));
    };
    finish(cognito)
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

fn insert_opt(m: &mut Map<String, Value>, key: &str, v: Option<&str>) {
    if let Some(v) = v {
        m.insert(key.into(), v.into());
    }
}

fn password_format_gen1(s: &Map<String, Value>) -> Map<String, Value> {
    let chars: Vec<String> = match s.get("passwordPolicyCharacters") {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    };
    let has = |c: &str| chars.iter().any(|x| x == c);
    let mut m = Map::new();
    if let Some(n) = s
        .get("passwordPolicyMinLength")
        .and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok()))
    {
        m.insert("minLength".into(), n.into());
    }
    m.insert("requireLowercase".into(), has("REQUIRES_LOWERCASE").into());
    m.insert("requireUppercase".into(), has("REQUIRES_UPPERCASE").into());
    m.insert("requireNumbers".into(), has("REQUIRES_NUMBERS").into());
    m.insert(
        "requireSpecialCharacters".into(),
        has("REQUIRES_SYMBOLS").into(),
    );
    m
}

fn required_attrs(names: &[String]) -> Value {
    let mut m = Map::new();
    for n in names {
        m.insert(n.to_ascii_lowercase(), json!({ "required": true }));
    }
    Value::Object(m)
}

fn mfa(status: Option<&str>, types: &[String]) -> Value {
    let has = |t: &str| types.iter().any(|x| x.eq_ignore_ascii_case(t));
    json!({
        "status": status.map(str::to_ascii_lowercase),
        "totpEnabled": has("TOTP"),
        "smsEnabled": has("SMS"),
        "emailEnabled": has("EMAIL"),
    })
}

fn urls(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => s
            .split(',')
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .collect(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        _ => vec![],
    }
}

/// Gen1: aws-exports.js / amplifyconfiguration.json.
fn gen1(t: &Map<String, Value>) -> Result<Map<String, Value>, AuthError> {
    let mut c = Map::new();
    let pool = opt_str(t, "aws_user_pools_id", "")?
        .ok_or_else(|| field_error("aws_user_pools_id", "is missing"))?;
    let client = opt_str(t, "aws_user_pools_web_client_id", "")?
        .ok_or_else(|| field_error("aws_user_pools_web_client_id", "is missing"))?;
    c.insert("userPoolId".into(), pool.into());
    c.insert("userPoolClientId".into(), client.into());
    insert_opt(
        &mut c,
        "identityPoolId",
        opt_str(t, "aws_cognito_identity_pool_id", "")?,
    );
    insert_opt(
        &mut c,
        "userPoolEndpoint",
        opt_str(t, "aws_user_pools_endpoint", "")?,
    );
    if c.contains_key("identityPoolId") {
        let mandatory = truthy(t.get("aws_mandatory_sign_in"));
        c.insert("allowGuestAccess".into(), (!mandatory).into());
    }
    c.insert("signUpVerificationMethod".into(), "code".into());
    let username_attrs = str_list(t, "aws_cognito_username_attributes", "")?;
    let has = |a: &str| username_attrs.iter().any(|x| x.eq_ignore_ascii_case(a));
    let mut login = json!({
        "email": has("EMAIL"),
        "phone": has("PHONE_NUMBER"),
        "username": username_attrs.is_empty(),
    });
    if let Some(o) = opt_obj(t, "oauth", "")? {
        if let Some(domain) = opt_str(o, "domain", "oauth.")? {
            let providers: Vec<Value> = str_list(t, "aws_cognito_social_providers", "")?
                .iter()
                .map(|p| {
                    let mut s = p.to_ascii_lowercase();
                    if let Some(f) = s.get_mut(0..1) {
                        f.make_ascii_uppercase();
                    }
                    Value::String(s)
                })
                .collect();
            login["oauth"] = json!({
                "domain": domain,
                "scopes": str_list(o, "scope", "oauth.")?,
                "redirectSignIn": urls(o.get("redirectSignIn")),
                "redirectSignOut": urls(o.get("redirectSignOut")),
                "responseType": opt_str(o, "responseType", "oauth.")?.unwrap_or("code"),
                "providers": providers,
            });
        }
    }
    c.insert("loginWith".into(), login);
    let signup = str_list(t, "aws_cognito_signup_attributes", "")?;
    if !signup.is_empty() {
        c.insert("userAttributes".into(), required_attrs(&signup));
    }
    if let Some(s) = opt_obj(t, "aws_cognito_password_protection_settings", "")? {
        c.insert(
            "passwordFormat".into(),
            Value::Object(password_format_gen1(s)),
        );
    }
    let mfa_status = opt_str(t, "aws_cognito_mfa_configuration", "")?;
    if mfa_status.is_some() {
        c.insert(
            "mfa".into(),
            mfa(mfa_status, &str_list(t, "aws_cognito_mfa_types", "")?),
        );
    }
    Ok(c)
}

/// Gen2: amplify_outputs.json.
fn gen2(t: &Map<String, Value>) -> Result<Map<String, Value>, AuthError> {
    let a = opt_obj(t, "auth", "")?.ok_or_else(|| field_error("auth", "is missing"))?;
    let p = "auth.";
    let mut c = Map::new();
    let pool = opt_str(a, "user_pool_id", p)?
        .ok_or_else(|| field_error("auth.user_pool_id", "is missing"))?;
    let client = opt_str(a, "user_pool_client_id", p)?
        .ok_or_else(|| field_error("auth.user_pool_client_id", "is missing"))?;
    c.insert("userPoolId".into(), pool.into());
    c.insert("userPoolClientId".into(), client.into());
    insert_opt(&mut c, "identityPoolId", opt_str(a, "identity_pool_id", p)?);
    insert_opt(
        &mut c,
        "userPoolEndpoint",
        opt_str(a, "user_pool_endpoint", p)?,
    );
    if c.contains_key("identityPoolId") {
        c.insert(
            "allowGuestAccess".into(),
            truthy(a.get("unauthenticated_identities_enabled")).into(),
        );
    }
    let uattrs = str_list(a, "username_attributes", p)?;
    let has = |x: &str| uattrs.iter().any(|u| u == x);
    let mut login = json!({
        "email": has("email"),
        "phone": has("phone_number"),
        "username": uattrs.is_empty() || has("username"),
    });
    if let Some(o) = opt_obj(a, "oauth", p)? {
        login["oauth"] = json!({
            "domain": opt_str(o, "domain", "auth.oauth.")?,
            "scopes": str_list(o, "scopes", "auth.oauth.")?,
            "redirectSignIn": str_list(o, "redirect_sign_in_uri", "auth.oauth.")?,
            "redirectSignOut": str_list(o, "redirect_sign_out_uri", "auth.oauth.")?,
            "responseType": opt_str(o, "response_type", "auth.oauth.")?.unwrap_or("code"),
            "providers": str_list(o, "identity_providers", "auth.oauth.")?
                .iter()
                .map(|p| match p.as_str() {
                    "GOOGLE" => "Google".to_string(),
                    "FACEBOOK" => "Facebook".to_string(),
                    "LOGIN_WITH_AMAZON" => "Amazon".to_string(),
                    "SIGN_IN_WITH_APPLE" => "Apple".to_string(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>(),
        });
    }
    c.insert("loginWith".into(), login);
    let verify = str_list(a, "user_verification_types", p)?;
    if !verify.is_empty() {
        c.insert("signUpVerificationMethod".into(), "code".into());
    }
    let req = str_list(a, "standard_required_attributes", p)?;
    if !req.is_empty() {
        c.insert("userAttributes".into(), required_attrs(&req));
    }
    if let Some(pp) = opt_obj(a, "password_policy", p)? {
        let mut m = Map::new();
        if let Some(n) = pp.get("min_length").and_then(Value::as_u64) {
            m.insert("minLength".into(), n.into());
        }
        for (from, to) in [
            ("require_lowercase", "requireLowercase"),
            ("require_uppercase", "requireUppercase"),
            ("require_numbers", "requireNumbers"),
            ("require_symbols", "requireSpecialCharacters"),
        ] {
            m.insert(to.into(), truthy(pp.get(from)).into());
        }
        c.insert("passwordFormat".into(), Value::Object(m));
    }
    let mfa_status = opt_str(a, "mfa_configuration", p)?;
    if mfa_status.is_some() {
        c.insert(
            "mfa".into(),
            mfa(mfa_status, &str_list(a, "mfa_methods", p)?),
        );
    }
    Ok(c)
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
    fn gen1_aws_exports() {
        let c = parse(&json!({
            "aws_project_region": "us-east-1",
            "aws_user_pools_id": "us-east-1_Pool1",
            "aws_user_pools_web_client_id": "abc",
            "aws_cognito_identity_pool_id": "us-east-1:1234",
            "aws_mandatory_sign_in": "enable",
            "aws_cognito_username_attributes": ["EMAIL"],
            "aws_cognito_signup_attributes": ["EMAIL", "NAME"],
            "aws_cognito_mfa_configuration": "OPTIONAL",
            "aws_cognito_mfa_types": ["SMS", "TOTP"],
            "aws_cognito_password_protection_settings": {
                "passwordPolicyMinLength": 8,
                "passwordPolicyCharacters": ["REQUIRES_NUMBERS"]
            },
            "aws_cognito_social_providers": ["GOOGLE"],
            "oauth": {"domain": "x.auth.us-east-1.amazoncognito.com", "scope": ["openid"],
                      "redirectSignIn": "http://localhost:3000/,https://app/", "redirectSignOut": "http://localhost:3000/",
                      "responseType": "code"}
        }))
        .unwrap();
        let n = &c.normalised["Auth"]["Cognito"];
        assert_eq!(c.user_pool_id, "us-east-1_Pool1");
        assert_eq!(n["allowGuestAccess"], false);
        assert_eq!(n["loginWith"]["email"], true);
        assert_eq!(n["loginWith"]["username"], false);
        assert_eq!(n["loginWith"]["oauth"]["redirectSignIn"][1], "https://app/");
        assert_eq!(n["loginWith"]["oauth"]["providers"][0], "Google");
        assert_eq!(n["userAttributes"]["name"]["required"], true);
        assert_eq!(n["passwordFormat"]["minLength"], 8);
        assert_eq!(n["passwordFormat"]["requireNumbers"], true);
        assert_eq!(n["mfa"]["status"], "optional");
        assert_eq!(n["mfa"]["totpEnabled"], true);
    }

    #[test]
    fn gen2_outputs() {
        let c = parse(&json!({"version": "1.3", "auth": {
            "aws_region": "us-west-2", "user_pool_id": "us-west-2_Gen2", "user_pool_client_id": "cid",
            "identity_pool_id": "us-west-2:abc", "unauthenticated_identities_enabled": true,
            "username_attributes": ["email"], "standard_required_attributes": ["email"],
            "user_verification_types": ["email"],
            "password_policy": {"min_length": 10, "require_symbols": true},
            "mfa_configuration": "OFF", "mfa_methods": []
        }}))
        .unwrap();
        let n = &c.normalised["Auth"]["Cognito"];
        assert_eq!(c.region, "us-west-2");
        assert_eq!(n["allowGuestAccess"], true);
        assert_eq!(n["loginWith"]["email"], true);
        assert_eq!(n["passwordFormat"]["minLength"], 10);
        assert_eq!(n["passwordFormat"]["requireSpecialCharacters"], true);
        assert_eq!(n["mfa"]["status"], "off");
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
            (
                json!({"aws_project_region": "us-east-1"}),
                "aws_user_pools_id",
            ),
            (
                json!({"version": "1", "auth": {"user_pool_client_id": "c"}}),
                "auth.user_pool_id",
            ),
            (
                json!({"version": "1", "auth": {"user_pool_id": "us-east-1_a"}}),
                "auth.user_pool_client_id",
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
