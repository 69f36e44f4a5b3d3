//! Cognito user pool operations (`AWSCognitoIdentityProviderService`): one builder
//! per request and one reader per reply, for the sign-in, refresh, sign-out and
//! sign-up paths. Field names and shapes as the Cognito API reference documents them.

use super::Request;
use crate::codec::json::{self, Json, Obj};
use crate::core::error::AuthError;
#[allow(unused_imports)]
use crate::prelude::*;

macro_rules! target {
    ($op:literal) => {
        concat!("AWSCognitoIdentityProviderService.", $op)
    };
}

/// `{ "Name": "Value" }` pairs from the app (clientMetadata, userAttributes, …).
pub type Pairs = Vec<(String, String)>;

fn pairs_obj(p: &[(String, String)]) -> String {
    Obj::strings(p.iter().map(|(k, v)| (k.as_str(), v.as_str()))).end()
}

/// `[{ "Name": k, "Value": v }, …]`, Cognito's attribute list.
pub(crate) fn name_value_list<'a>(p: impl IntoIterator<Item = (&'a str, &'a str)>) -> String {
    json::array(
        p.into_iter()
            .map(|(k, v)| Obj::new().str("Name", k).str("Value", v).end()),
    )
}

fn pairs_list(p: &Pairs) -> String {
    name_value_list(p.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

fn with_metadata(o: Obj, metadata: Option<&Pairs>) -> Obj {
    match metadata {
        Some(m) => o.raw("ClientMetadata", &pairs_obj(m)),
        None => o,
    }
}

/// `InitiateAuth`. `params` are the AuthParameters (USERNAME, SRP_A, PASSWORD, …).
pub fn initiate_auth(
    client_id: &str,
    flow: &str,
    params: &[(&str, &str)],
    metadata: Option<&Pairs>,
    session: Option<&str>,
) -> Request {
    let o = Obj::new()
        .str("AuthFlow", flow)
        .str("ClientId", client_id)
        .raw(
            "AuthParameters",
            &Obj::strings(params.iter().copied()).end(),
        );
    Request {
        target: target!("InitiateAuth"),
        body: with_metadata(o, metadata).opt_str("Session", session).end(),
    }
}

/// `RespondToAuthChallenge`.
pub fn respond_to_auth_challenge(
    client_id: &str,
    challenge: &str,
    responses: &[(&str, &str)],
    session: Option<&str>,
    metadata: Option<&Pairs>,
) -> Request {
    let o = Obj::new()
        .str("ChallengeName", challenge)
        .str("ClientId", client_id)
        .raw(
            "ChallengeResponses",
            &Obj::strings(responses.iter().copied()).end(),
        )
        .opt_str("Session", session);
    Request {
        target: target!("RespondToAuthChallenge"),
        body: with_metadata(o, metadata).end(),
    }
}

/// `GetTokensFromRefreshToken` (refresh token rotation aware).
pub fn get_tokens_from_refresh_token(
    client_id: &str,
    refresh_token: &str,
    device_key: Option<&str>,
) -> Request {
    Request {
        target: target!("GetTokensFromRefreshToken"),
        body: Obj::new()
            .str("ClientId", client_id)
            .str("RefreshToken", refresh_token)
            .opt_str("DeviceKey", device_key)
            .end(),
    }
}

/// `InitiateAuth` with `REFRESH_TOKEN_AUTH`, for servers without the newer operation.
pub fn refresh_token_auth(
    client_id: &str,
    refresh_token: &str,
    device_key: Option<&str>,
) -> Request {
    let mut params = vec![("REFRESH_TOKEN", refresh_token)];
    if let Some(d) = device_key {
        params.push(("DEVICE_KEY", d));
    }
    initiate_auth(client_id, "REFRESH_TOKEN_AUTH", &params, None, None)
}

/// `RevokeToken` (local sign-out).
pub fn revoke_token(client_id: &str, refresh_token: &str) -> Request {
    Request {
        target: target!("RevokeToken"),
        body: Obj::new()
            .str("ClientId", client_id)
            .str("Token", refresh_token)
            .end(),
    }
}

/// `GlobalSignOut`.
pub fn global_sign_out(access_token: &str) -> Request {
    Request {
        target: target!("GlobalSignOut"),
        body: Obj::new().str("AccessToken", access_token).end(),
    }
}

/// What `signUp` sends. (`Debug` would show the password: none.)
#[allow(missing_debug_implementations)]
pub struct SignUp<'a> {
    pub client_id: &'a str,
    pub username: &'a str,
    pub password: Option<&'a str>,
    pub user_attributes: Option<&'a Pairs>,
    pub validation_data: Option<&'a Pairs>,
    pub metadata: Option<&'a Pairs>,
}

/// `SignUp`.
pub fn sign_up(s: &SignUp<'_>) -> Request {
    let mut o = Obj::new()
        .str("ClientId", s.client_id)
        .str("Username", s.username)
        .opt_str("Password", s.password.filter(|p| !p.is_empty()));
    if let Some(a) = s.user_attributes {
        o = o.raw("UserAttributes", &pairs_list(a));
    }
    if let Some(v) = s.validation_data {
        o = o.raw("ValidationData", &pairs_list(v));
    }
    Request {
        target: target!("SignUp"),
        body: with_metadata(o, s.metadata).end(),
    }
}

/// `ConfirmSignUp`.
pub fn confirm_sign_up(
    client_id: &str,
    username: &str,
    code: &str,
    metadata: Option<&Pairs>,
    force_alias_creation: Option<bool>,
    session: Option<&str>,
) -> Request {
    let mut o = Obj::new()
        .str("ClientId", client_id)
        .str("Username", username)
        .str("ConfirmationCode", code);
    o = with_metadata(o, metadata);
    if let Some(f) = force_alias_creation {
        o = o.bool("ForceAliasCreation", f);
    }
    Request {
        target: target!("ConfirmSignUp"),
        body: o.opt_str("Session", session).end(),
    }
}

/// `ResendConfirmationCode`.
pub fn resend_confirmation_code(
    client_id: &str,
    username: &str,
    metadata: Option<&Pairs>,
) -> Request {
    let o = Obj::new()
        .str("ClientId", client_id)
        .str("Username", username);
    Request {
        target: target!("ResendConfirmationCode"),
        body: with_metadata(o, metadata).end(),
    }
}

/// Tokens from an `AuthenticationResult`. Holds secrets: `Debug` shows none.
#[derive(Clone, PartialEq)]
pub struct AuthResult {
    pub access_token: String,
    pub id_token: Option<String>,
    pub refresh_token: Option<String>,
    /// `NewDeviceMetadata` when the pool tracks devices and this one is new.
    pub new_device: Option<NewDevice>,
}

impl core::fmt::Debug for AuthResult {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("AuthResult { tokens: [redacted], .. }")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDevice {
    pub device_key: String,
    pub device_group_key: String,
}

/// A challenge Cognito asks the client to answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Challenge {
    pub name: String,
    pub session: Option<String>,
    /// `ChallengeParameters`, string to string.
    pub parameters: Vec<(String, String)>,
}

impl Challenge {
    pub fn param(&self, key: &str) -> Option<&str> {
        self.parameters
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// What `InitiateAuth` and `RespondToAuthChallenge` answer: tokens, or a challenge.
#[derive(Clone, Debug, PartialEq)]
pub enum AuthReply {
    Tokens(AuthResult),
    Challenge(Challenge),
}

fn opt_string(v: &Json, key: &str, what: &str) -> Result<Option<String>, AuthError> {
    match v.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Str(s)) => Ok(Some(s.clone())),
        Some(_) => Err(AuthError::bad_reply(&crate::codec::cat(&[
            what,
            ".",
            key,
            " is not a string",
        ]))),
    }
}

/// Reads an `AuthenticationResult` object.
pub fn auth_result(r: &Json) -> Result<AuthResult, AuthError> {
    if !r.is_object() {
        return Err(AuthError::bad_reply(
            "AuthenticationResult is not an object",
        ));
    }
    let access_token = opt_string(r, "AccessToken", "AuthenticationResult")?
        .ok_or_else(|| AuthError::bad_reply("AuthenticationResult has no AccessToken"))?;
    let new_device = match r.get("NewDeviceMetadata") {
        Some(m @ Json::Obj(_)) => match (m.str("DeviceKey"), m.str("DeviceGroupKey")) {
            (Some(k), Some(g)) => Some(NewDevice {
                device_key: k.to_string(),
                device_group_key: g.to_string(),
            }),
            _ => None,
        },
        _ => None,
    };
    Ok(AuthResult {
        access_token,
        id_token: opt_string(r, "IdToken", "AuthenticationResult")?,
        refresh_token: opt_string(r, "RefreshToken", "AuthenticationResult")?,
        new_device,
    })
}

/// Reads the reply of `InitiateAuth` / `RespondToAuthChallenge`.
pub fn auth_reply(body: &Json) -> Result<AuthReply, AuthError> {
    match body.get("AuthenticationResult") {
        Some(Json::Null) | None => {}
        Some(r) => return auth_result(r).map(AuthReply::Tokens),
    }
    let name = match body.get("ChallengeName") {
        Some(Json::Str(n)) if !n.is_empty() => n.clone(),
        Some(Json::Str(_)) | None | Some(Json::Null) => {
            return Err(AuthError::bad_reply(
                "neither AuthenticationResult nor ChallengeName was returned",
            ))
        }
        Some(_) => return Err(AuthError::bad_reply("ChallengeName is not a string")),
    };
    let parameters = match body.get("ChallengeParameters") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Obj(m)) => m
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
            .collect(),
        Some(_) => return Err(AuthError::bad_reply("ChallengeParameters is not an object")),
    };
    Ok(AuthReply::Challenge(Challenge {
        name,
        session: opt_string(body, "Session", "the reply")?,
        parameters,
    }))
}

/// Where a code was sent (`CodeDeliveryDetails`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CodeDelivery {
    pub destination: Option<String>,
    pub delivery_medium: Option<String>,
    pub attribute_name: Option<String>,
}

impl CodeDelivery {
    pub fn read(v: Option<&Json>) -> CodeDelivery {
        let s = |k: &str| v.and_then(|v| v.str(k)).map(str::to_string);
        CodeDelivery {
            destination: s("Destination"),
            delivery_medium: s("DeliveryMedium"),
            attribute_name: s("AttributeName"),
        }
    }

    /// Amplify's `codeDeliveryDetails` object.
    pub fn to_json(&self) -> String {
        Obj::new()
            .opt_str("destination", self.destination.as_deref())
            .opt_str("deliveryMedium", self.delivery_medium.as_deref())
            .opt_str("attributeName", self.attribute_name.as_deref())
            .end()
    }
}

/// The `SignUp` reply.
#[derive(Clone, Debug, PartialEq)]
pub struct SignUpReply {
    pub user_sub: Option<String>,
    pub confirmed: bool,
    pub session: Option<String>,
    pub delivery: CodeDelivery,
}

pub fn sign_up_reply(body: &Json) -> SignUpReply {
    SignUpReply {
        user_sub: body.str("UserSub").map(str::to_string),
        confirmed: body.get("UserConfirmed").and_then(Json::as_bool) == Some(true),
        session: body.str("Session").map(str::to_string),
        delivery: CodeDelivery::read(body.get("CodeDeliveryDetails")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codec::json::parse;
    use serde_json::{json, Value};

    fn body(r: &Request) -> Value {
        serde_json::from_str(&r.body).unwrap()
    }

    #[test]
    fn requests_are_shaped_as_the_api_reference_documents() {
        let meta = vec![("k".to_string(), "v".to_string())];
        let r = initiate_auth(
            "cid",
            "USER_SRP_AUTH",
            &[("USERNAME", "ann"), ("SRP_A", "ab")],
            Some(&meta),
            None,
        );
        assert_eq!(r.operation(), "InitiateAuth");
        assert_eq!(
            body(&r),
            json!({ "AuthFlow": "USER_SRP_AUTH", "ClientId": "cid", "AuthParameters": { "USERNAME": "ann", "SRP_A": "ab" }, "ClientMetadata": { "k": "v" } })
        );
        let r = respond_to_auth_challenge(
            "cid",
            "PASSWORD_VERIFIER",
            &[("USERNAME", "u")],
            Some("s"),
            None,
        );
        assert_eq!(
            body(&r),
            json!({ "ChallengeName": "PASSWORD_VERIFIER", "ClientId": "cid", "ChallengeResponses": { "USERNAME": "u" }, "Session": "s" })
        );
        assert_eq!(
            body(&get_tokens_from_refresh_token("cid", "rt", Some("dk"))),
            json!({ "ClientId": "cid", "RefreshToken": "rt", "DeviceKey": "dk" })
        );
        assert_eq!(
            body(&refresh_token_auth("cid", "rt", None)),
            json!({ "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": "cid", "AuthParameters": { "REFRESH_TOKEN": "rt" } })
        );
        assert_eq!(
            body(&revoke_token("cid", "rt")),
            json!({ "ClientId": "cid", "Token": "rt" })
        );
        assert_eq!(body(&global_sign_out("at")), json!({ "AccessToken": "at" }));
        let attrs = vec![("email".to_string(), "a@b.c".to_string())];
        let r = sign_up(&SignUp {
            client_id: "cid",
            username: "ann",
            password: Some(""),
            user_attributes: Some(&attrs),
            validation_data: None,
            metadata: None,
        });
        assert_eq!(
            body(&r),
            json!({ "ClientId": "cid", "Username": "ann", "UserAttributes": [{ "Name": "email", "Value": "a@b.c" }] })
        );
        assert_eq!(
            body(&confirm_sign_up(
                "cid",
                "ann",
                "123456",
                None,
                Some(true),
                Some("s")
            )),
            json!({ "ClientId": "cid", "Username": "ann", "ConfirmationCode": "123456", "ForceAliasCreation": true, "Session": "s" })
        );
        assert_eq!(
            body(&resend_confirmation_code("cid", "ann", Some(&meta))),
            json!({ "ClientId": "cid", "Username": "ann", "ClientMetadata": { "k": "v" } })
        );
    }

    #[test]
    fn auth_replies_are_read_or_named_errors() {
        let tokens = parse(r#"{"AuthenticationResult":{"AccessToken":"a","IdToken":"i","RefreshToken":"r","ExpiresIn":3600,"TokenType":"Bearer","NewDeviceMetadata":{"DeviceKey":"dk","DeviceGroupKey":"gk"}},"ChallengeParameters":{}}"#).unwrap();
        let AuthReply::Tokens(t) = auth_reply(&tokens).unwrap() else {
            panic!("tokens")
        };
        assert_eq!(
            (
                t.access_token.as_str(),
                t.id_token.as_deref(),
                t.refresh_token.as_deref()
            ),
            ("a", Some("i"), Some("r"))
        );
        assert_eq!(
            t.new_device,
            Some(NewDevice {
                device_key: "dk".into(),
                device_group_key: "gk".into()
            })
        );
        assert!(!format!("{t:?}").contains('r'.to_string().repeat(2).as_str()));

        let challenge = parse(r#"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab","SRP_B":"cd","USER_ID_FOR_SRP":"u"},"Session":null}"#).unwrap();
        let AuthReply::Challenge(c) = auth_reply(&challenge).unwrap() else {
            panic!("challenge")
        };
        assert_eq!(
            (c.name.as_str(), c.param("SALT"), c.session.as_deref()),
            ("PASSWORD_VERIFIER", Some("ab"), None)
        );

        for (bad, why) in [
            ("{}", "neither"),
            (r#"{"ChallengeName":7}"#, "ChallengeName"),
            (
                r#"{"ChallengeName":"SMS_MFA","ChallengeParameters":"x"}"#,
                "ChallengeParameters",
            ),
            (r#"{"AuthenticationResult":{}}"#, "AccessToken"),
            (r#"{"AuthenticationResult":"x"}"#, "not an object"),
            (
                r#"{"AuthenticationResult":{"AccessToken":5}}"#,
                "AccessToken",
            ),
        ] {
            let e = auth_reply(&parse(bad).unwrap()).unwrap_err();
            assert_eq!(e.name, "UnexpectedServerResponseException", "{bad}");
            assert!(e.message.contains(why), "{bad}: {}", e.message);
        }
    }

    #[test]
    fn sign_up_replies_and_code_delivery() {
        let r = sign_up_reply(&parse(r#"{"UserConfirmed":false,"UserSub":"sub-1","CodeDeliveryDetails":{"Destination":"a***@e***","DeliveryMedium":"EMAIL","AttributeName":"email"}}"#).unwrap());
        assert_eq!(r.user_sub.as_deref(), Some("sub-1"));
        assert!(!r.confirmed);
        assert_eq!(
            r.delivery.to_json(),
            r#"{"destination":"a***@e***","deliveryMedium":"EMAIL","attributeName":"email"}"#
        );
        // Odd but well-formed bodies are tolerated, as the engine does.
        let r =
            sign_up_reply(&parse(r#"{"UserConfirmed":"yes","CodeDeliveryDetails":5}"#).unwrap());
        assert!(!r.confirmed);
        assert_eq!(r.delivery, CodeDelivery::default());
    }
}
