//! The hosted UI (src/flows/redirect.rs) and identity pool (src/flows/identity.rs) flows
//! of the typed modules: URLs, requests and replies as the Cognito hosted UI (OAuth 2.0
//! endpoints) and the Cognito Identity API reference document them. The browser suite
//! (tests/browser/oauth.test.mjs) runs them against ministack's hosted UI and identity pools.

use cognito_wasm::codec::json;
use cognito_wasm::core::oauth::{self, AuthorizeOptions};
use cognito_wasm::flows::identity;
use cognito_wasm::flows::redirect::{self, Callback, HostedUi, RANDOM_BYTES};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

const APP: &str = "https://app.example/cb";

fn ui(response_type: &str) -> HostedUi {
    HostedUi::new(
        "auth.example.com",
        vec!["openid".into(), "email".into()],
        vec!["http://localhost:3000/".into(), APP.into()],
        vec!["https://app.example/bye".into()],
        response_type,
        "client-1",
    )
}

fn query(url: &str) -> Vec<(String, String)> {
    oauth::params(url.split_once('?').unwrap().1)
}

fn get<'a>(q: &'a [(String, String)], k: &str) -> Option<&'a str> {
    q.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str())
}

#[test]
fn authorize_url_with_pkce_state_and_options() {
    let random: Vec<u8> = (0..RANDOM_BYTES as u32).map(|i| (i * 7) as u8).collect();
    let opts = AuthorizeOptions {
        login_hint: Some("ann@example.com"),
        lang: Some("fr"),
        nonce: None,
        prompt: Some("LOGIN"),
    };
    let a = ui("code")
        .authorize(
            "https://app.example/cb?x=1",
            Some(redirect::provider_name("Apple")),
            Some("back to /cart"),
            &opts,
            &random,
        )
        .unwrap();
    assert!(
        a.url
            .starts_with("https://auth.example.com/oauth2/authorize?"),
        "{}",
        a.url
    );
    let q = query(&a.url);
    assert_eq!(
        get(&q, "redirect_uri"),
        Some(APP),
        "the redirect of this page's origin and path"
    );
    assert_eq!(get(&q, "client_id"), Some("client-1"));
    assert_eq!(get(&q, "response_type"), Some("code"));
    assert_eq!(get(&q, "identity_provider"), Some("SignInWithApple"));
    assert_eq!(get(&q, "scope"), Some("openid email"));
    assert_eq!(get(&q, "login_hint"), Some("ann@example.com"));
    assert_eq!(get(&q, "lang"), Some("fr"));
    assert_eq!(get(&q, "prompt"), Some("login"));
    assert_eq!(get(&q, "state"), Some(a.state.as_str()));
    // The state: 32 characters from the first 32 bytes, then the custom state in hex.
    assert_eq!(
        a.state,
        format!(
            "{}-{}",
            oauth::random_string(&random[..32]),
            hex(b"back to /cart")
        )
    );
    assert_eq!(
        redirect::custom_state(&a.state).as_deref(),
        Some("back to /cart")
    );
    // S256 over the verifier made from the other 128 bytes.
    assert_eq!(*a.verifier, oauth::random_string(&random[32..]));
    let challenge = base64url(&Sha256::digest(a.verifier.as_bytes()));
    assert_eq!(get(&q, "code_challenge"), Some(challenge.as_str()));
    assert_eq!(get(&q, "code_challenge_method"), Some("S256"));

    // The implicit flow has no PKCE; too few random bytes, or a page no redirect matches, refuse.
    let t = ui("token")
        .authorize(APP, None, None, &AuthorizeOptions::default(), &random)
        .unwrap();
    assert!(get(&query(&t.url), "code_challenge").is_none());
    assert!(get(&query(&t.url), "identity_provider").is_none());
    assert!(ui("code")
        .authorize(APP, None, None, &AuthorizeOptions::default(), &random[1..])
        .is_err());
    let e = ui("code")
        .authorize(
            "https://evil.example/cb",
            None,
            None,
            &AuthorizeOptions::default(),
            &random,
        )
        .unwrap_err();
    assert_eq!(e.name, "InvalidRedirectException");
}

#[test]
fn the_page_that_comes_back() {
    let u = ui("code");
    let (cb, state) = u
        .callback(
            &format!("{APP}?code=c%2F1&state=S-1"),
            Some("S-1"),
            Some("verifier"),
        )
        .unwrap();
    assert_eq!(state, "S-1");
    let Callback::Exchange { url, body } = cb else {
        panic!("not an exchange")
    };
    assert_eq!(url, "https://auth.example.com/oauth2/token");
    let form = oauth::params(&body);
    assert_eq!(
        form,
        [
            ("grant_type", "authorization_code"),
            ("code", "c/1"),
            ("client_id", "client-1"),
            ("redirect_uri", APP),
            ("code_verifier", "verifier")
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(u.redirect_uri(&format!("{APP}?code=x")).unwrap(), APP);

    // A state that is not the one kept, or none kept: refused before any exchange.
    for saved in [Some("other"), None] {
        let e = u
            .callback(&format!("{APP}?code=c&state=S-1"), saved, Some("v"))
            .unwrap_err();
        assert_eq!(
            (e.name.as_str(), e.message.as_str()),
            (
                "OAuthSignInException",
                "An error occurred while validating the state."
            )
        );
    }
    // The provider's error, with its description; nothing at all is a cancelled sign-in.
    let e = u
        .callback(
            &format!("{APP}?error=access_denied&error_description=Not+today"),
            Some("S"),
            None,
        )
        .unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        ("OAuthSignInException", "Not today")
    );
    let e = u.callback(APP, Some("S"), None).unwrap_err();
    assert_eq!(e.message, "User cancelled OAuth flow.");

    // The implicit flow: tokens in the fragment.
    let (cb, _) = ui("token")
        .callback(
            &format!("{APP}#access_token=AT&id_token=IT&token_type=Bearer&state=S"),
            Some("S"),
            None,
        )
        .unwrap();
    let Callback::Tokens(t) = cb else {
        panic!("no tokens")
    };
    assert_eq!(
        (
            t.access_token.as_str(),
            t.id_token.as_deref(),
            t.refresh_token.as_deref()
        ),
        ("AT", Some("IT"), None)
    );

    // Cleaning: only at a redirect URL, only OAuth's parameters.
    assert_eq!(
        u.cleaned(&format!("{APP}?code=c&state=s&tab=2")).as_deref(),
        Some("https://app.example/cb?tab=2")
    );
    assert_eq!(u.cleaned(&format!("{APP}?tab=2")), None);
    assert_eq!(u.cleaned("https://app.example/other?code=c"), None);
}

#[test]
fn token_endpoint_replies_and_logout() {
    let t = redirect::token_reply(200, r#"{"access_token":"AT","id_token":"IT","refresh_token":"RT","token_type":"Bearer","expires_in":3600}"#).unwrap();
    assert_eq!(
        (
            t.access_token.as_str(),
            t.id_token.as_deref(),
            t.refresh_token.as_deref()
        ),
        ("AT", Some("IT"), Some("RT"))
    );
    for (status, body, message) in [
        (
            400,
            r#"{"error":"invalid_grant","error_description":"Code expired"}"#,
            "Code expired",
        ),
        (
            400,
            r#"{"error":"invalid_grant","error_description":5}"#,
            "invalid_grant",
        ),
        (400, r#"{"error":"invalid_grant"}"#, "invalid_grant"),
        (
            200,
            r#"{"error":"invalid_request","error_message":"Bad"}"#,
            "Bad",
        ),
        (502, "<html>", "The token endpoint answered HTTP 502."),
    ] {
        let e = redirect::token_reply(status, body).unwrap_err();
        assert_eq!(
            (e.name.as_str(), e.message.as_str(), e.http_status_code),
            ("OAuthSignInException", message, Some(status)),
            "{body}"
        );
    }
    assert_eq!(
        redirect::token_reply(200, "{}").unwrap_err().name,
        "UnexpectedServerResponseException"
    );

    // Who the session is for: the access token's username claim, else Amplify's fallback.
    let access = format!(
        "e30.{}.c2ln",
        base64url(br#"{"username":"google_123","sub":"s"}"#)
    );
    let s = redirect::signed_in(
        redirect::token_reply(200, &format!(r#"{{"access_token":"{access}"}}"#)).unwrap(),
    );
    assert_eq!(s.username, "google_123");
    assert_eq!(redirect::signed_in(t).username, "username");

    assert_eq!(
        ui("code").logout("https://app.example/page").unwrap(),
        "https://auth.example.com/logout?client_id=client-1&logout_uri=https%3A%2F%2Fapp.example%2Fbye"
    );
    assert_eq!(
        ui("code")
            .logout("https://elsewhere.example/")
            .unwrap_err()
            .name,
        "InvalidRedirectException"
    );
    // A domain with a scheme (a local emulator) is used as it is.
    let local = HostedUi::new(
        "http://127.0.0.1:4566/",
        vec![],
        vec![APP.into()],
        vec![APP.into()],
        "code",
        "c",
    );
    assert!(local
        .logout(APP)
        .unwrap()
        .starts_with("http://127.0.0.1:4566/logout?"));
}

#[test]
fn identity_pool_requests_and_replies() {
    let logins = identity::logins("us-east-1_Pool", Some("ID.TOKEN"), false)
        .unwrap()
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&logins).unwrap(),
        json!({ "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool": "ID.TOKEN" })
    );
    assert_eq!(
        identity::logins("us-east-1_Pool", None, true).unwrap(),
        None
    );
    assert_eq!(
        identity::logins("us-east-1_Pool", None, false)
            .unwrap_err()
            .name,
        "NoIdTokenException"
    );

    let r = identity::get_id("us-east-1:pool", Some(&logins));
    assert_eq!(r.target, "AWSCognitoIdentityService.GetId");
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).unwrap(),
        json!({ "IdentityPoolId": "us-east-1:pool", "Logins": { "cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool": "ID.TOKEN" } })
    );
    assert_eq!(
        serde_json::from_str::<Value>(&identity::get_id("p", None).body).unwrap(),
        json!({ "IdentityPoolId": "p" })
    );
    let reply = |v: Value| json::parse(&v.to_string()).unwrap();
    assert_eq!(
        identity::get_id_reply(&reply(json!({ "IdentityId": "us-east-1:id" }))).unwrap(),
        "us-east-1:id"
    );
    assert_eq!(
        identity::get_id_reply(&reply(json!({}))).unwrap_err().name,
        "UnexpectedServerResponseException"
    );

    let r = identity::get_credentials("us-east-1:id", None);
    assert_eq!(
        r.target,
        "AWSCognitoIdentityService.GetCredentialsForIdentity"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&r.body).unwrap(),
        json!({ "IdentityId": "us-east-1:id" })
    );
    let c = identity::credentials_reply(
        &reply(json!({ "IdentityId": "us-east-1:new", "Credentials": { "AccessKeyId": "AK", "SecretKey": "SK", "SessionToken": "ST", "Expiration": 1.7e9 } })),
        "us-east-1:id",
        0.0,
    )
    .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&c.to_json()).unwrap(),
        json!({ "identityId": "us-east-1:new", "credentials": { "accessKeyId": "AK", "secretAccessKey": "SK", "sessionToken": "ST", "expiration": 1_700_000_000_000_u64 } })
    );
    assert!(
        !format!("{c:?}").contains("SK") && !format!("{c:?}").contains("ST"),
        "secrets print redacted"
    );
    // No expiration: an hour from now; the reply without its own IdentityId keeps ours.
    let c = identity::credentials_reply(&reply(json!({ "Credentials": { "AccessKeyId": "AK", "SecretKey": "SK", "SessionToken": "ST" } })), "us-east-1:id", 1000.0).unwrap();
    assert_eq!(
        (c.identity_id.as_str(), c.expiration_ms),
        ("us-east-1:id", 1000.0 + 3_600_000.0)
    );
    for bad in [
        json!({}),
        json!({ "Credentials": "x" }),
        json!({ "Credentials": { "AccessKeyId": "AK", "SecretKey": "SK" } }),
    ] {
        assert_eq!(
            identity::credentials_reply(&reply(bad.clone()), "i", 0.0)
                .unwrap_err()
                .name,
            "UnexpectedServerResponseException",
            "{bad}"
        );
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn base64url(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

#[test]
fn secrets_print_redacted() {
    let random = [3u8; RANDOM_BYTES];
    let a = ui("code")
        .authorize(APP, None, None, &AuthorizeOptions::default(), &random)
        .unwrap();
    assert!(!format!("{a:?}").contains(a.verifier.as_str()));
    let (cb, _) = ui("code")
        .callback(
            &format!("{APP}?code=SECRETCODE&state=S"),
            Some("S"),
            Some(&a.verifier),
        )
        .unwrap();
    let shown = format!("{cb:?}");
    assert!(
        !shown.contains("SECRETCODE") && !shown.contains(a.verifier.as_str()),
        "{shown}"
    );
}
