//! The account calls' request builders and reply readers (src/flows/account.rs): each
//! request as the Cognito API reference documents it, each result in Amplify's shape,
//! a last guard against input the package would have refused, and the call order
//! shared with pkg-template/account.ts.

use cognito_wasm::codec::json::{self, Json};
use cognito_wasm::flows::account::{request, result, AccountOp};
use serde_json::{json, Value};

const NAMES: [(AccountOp, &str); 21] = [
    (AccountOp::ResetPassword, "resetPassword"),
    (AccountOp::ConfirmResetPassword, "confirmResetPassword"),
    (AccountOp::UpdatePassword, "updatePassword"),
    (AccountOp::FetchUserAttributes, "fetchUserAttributes"),
    (AccountOp::UpdateUserAttributes, "updateUserAttributes"),
    (AccountOp::UpdateUserAttribute, "updateUserAttribute"),
    (AccountOp::ConfirmUserAttribute, "confirmUserAttribute"),
    (
        AccountOp::SendUserAttributeVerificationCode,
        "sendUserAttributeVerificationCode",
    ),
    (AccountOp::DeleteUserAttributes, "deleteUserAttributes"),
    (AccountOp::DeleteUser, "deleteUser"),
    (AccountOp::SetUpTotp, "setUpTOTP"),
    (AccountOp::VerifyTotpSetup, "verifyTOTPSetup"),
    (AccountOp::UpdateMfaPreference, "updateMFAPreference"),
    (AccountOp::FetchMfaPreference, "fetchMFAPreference"),
    (AccountOp::FetchDevices, "fetchDevices"),
    (AccountOp::RememberDevice, "rememberDevice"),
    (AccountOp::ForgetDevice, "forgetDevice"),
    (
        AccountOp::StartWebAuthnRegistration,
        "startWebAuthnRegistration",
    ),
    (
        AccountOp::CompleteWebAuthnRegistration,
        "completeWebAuthnRegistration",
    ),
    (
        AccountOp::ListWebAuthnCredentials,
        "listWebAuthnCredentials",
    ),
    (
        AccountOp::DeleteWebAuthnCredential,
        "deleteWebAuthnCredential",
    ),
];

fn parse(text: &str) -> Json {
    json::parse(text).expect("JSON")
}

fn req(op: AccountOp, input: Value) -> (String, Value) {
    let r = request(
        op,
        "client",
        "ACCESS",
        Some("DEV"),
        &parse(&input.to_string()),
    )
    .expect("request");
    let target = r
        .target
        .strip_prefix("AWSCognitoIdentityProviderService.")
        .unwrap()
        .to_string();
    (target, serde_json::from_str(&r.body).unwrap())
}

fn res(op: AccountOp, input: Value, reply: Value) -> Value {
    let out = result(
        op,
        &parse(&input.to_string()),
        "ann",
        &parse(&reply.to_string()),
    )
    .expect("result");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn the_call_order_is_the_one_the_driver_sends() {
    let driver = include_str!("../pkg-template/account.ts");
    let list = driver
        .split("const ACCOUNT_OPS = [")
        .nth(1)
        .unwrap()
        .split("];")
        .next()
        .unwrap();
    let names: Vec<&str> = list.split('\'').skip(1).step_by(2).collect();
    assert_eq!(names, NAMES.map(|(_, n)| n));
    for (i, (op, _)) in NAMES.iter().enumerate() {
        assert_eq!(AccountOp::from_index(i as u32), Some(*op));
    }
    assert_eq!(AccountOp::from_index(21), None);
    assert!(
        !AccountOp::ResetPassword.needs_session()
            && !AccountOp::ConfirmResetPassword.needs_session()
    );
    assert!(NAMES[2..].iter().all(|(op, _)| op.needs_session()));
}

#[test]
fn requests_as_the_api_reference_has_them() {
    let meta = json!({ "clientMetadata": { "k": "v" } });
    let table: Vec<(AccountOp, Value, &str, Value)> = vec![
        (
            AccountOp::ResetPassword,
            json!({ "username": "ann", "options": meta }),
            "ForgotPassword",
            json!({ "ClientId": "client", "Username": "ann", "ClientMetadata": { "k": "v" } }),
        ),
        (
            AccountOp::ConfirmResetPassword,
            json!({ "username": "ann", "newPassword": "N3w!pass", "confirmationCode": "654321" }),
            "ConfirmForgotPassword",
            json!({ "ClientId": "client", "Username": "ann", "ConfirmationCode": "654321", "Password": "N3w!pass" }),
        ),
        (
            AccountOp::UpdatePassword,
            json!({ "oldPassword": "a", "newPassword": "b" }),
            "ChangePassword",
            json!({ "AccessToken": "ACCESS", "PreviousPassword": "a", "ProposedPassword": "b" }),
        ),
        (
            AccountOp::FetchUserAttributes,
            Value::Null,
            "GetUser",
            json!({ "AccessToken": "ACCESS" }),
        ),
        (
            AccountOp::FetchMfaPreference,
            Value::Null,
            "GetUser",
            json!({ "AccessToken": "ACCESS" }),
        ),
        (
            AccountOp::UpdateUserAttributes,
            json!({ "userAttributes": { "email": "a@b.c", "name": "Ann" } }),
            "UpdateUserAttributes",
            json!({ "AccessToken": "ACCESS", "UserAttributes": [{ "Name": "email", "Value": "a@b.c" }, { "Name": "name", "Value": "Ann" }] }),
        ),
        (
            AccountOp::UpdateUserAttribute,
            json!({ "userAttribute": { "attributeKey": "name" }, "options": meta }),
            "UpdateUserAttributes",
            json!({ "AccessToken": "ACCESS", "UserAttributes": [{ "Name": "name", "Value": "" }], "ClientMetadata": { "k": "v" } }),
        ),
        (
            AccountOp::ConfirmUserAttribute,
            json!({ "userAttributeKey": "email", "confirmationCode": "1" }),
            "VerifyUserAttribute",
            json!({ "AccessToken": "ACCESS", "AttributeName": "email", "Code": "1" }),
        ),
        (
            AccountOp::SendUserAttributeVerificationCode,
            json!({ "userAttributeKey": "email" }),
            "GetUserAttributeVerificationCode",
            json!({ "AccessToken": "ACCESS", "AttributeName": "email" }),
        ),
        (
            AccountOp::DeleteUserAttributes,
            json!({ "userAttributeKeys": ["a", "b"] }),
            "DeleteUserAttributes",
            json!({ "AccessToken": "ACCESS", "UserAttributeNames": ["a", "b"] }),
        ),
        (
            AccountOp::DeleteUser,
            Value::Null,
            "DeleteUser",
            json!({ "AccessToken": "ACCESS" }),
        ),
        (
            AccountOp::SetUpTotp,
            Value::Null,
            "AssociateSoftwareToken",
            json!({ "AccessToken": "ACCESS" }),
        ),
        (
            AccountOp::VerifyTotpSetup,
            json!({ "code": "123456", "options": { "friendlyDeviceName": "phone" } }),
            "VerifySoftwareToken",
            json!({ "AccessToken": "ACCESS", "UserCode": "123456", "FriendlyDeviceName": "phone" }),
        ),
        (
            AccountOp::UpdateMfaPreference,
            json!({ "totp": "PREFERRED", "sms": "DISABLED", "email": null }),
            "SetUserMFAPreference",
            json!({ "AccessToken": "ACCESS", "SMSMfaSettings": { "Enabled": false }, "SoftwareTokenMfaSettings": { "Enabled": true, "PreferredMfa": true } }),
        ),
    ];
    for (op, input, target, body) in table {
        assert_eq!(req(op, input), (target.to_string(), body), "{op:?}");
    }
}

/// Input the package's checks refuse never reaches the module (check.ts names Amplify's
/// validation error first): should it, it is a named error naming the field, and no
/// request is made.
#[test]
fn input_the_package_refuses_is_an_error_naming_the_field() {
    let table: Vec<(AccountOp, Value, &str)> = vec![
        (AccountOp::ResetPassword, json!({}), "username"),
        (
            AccountOp::ResetPassword,
            json!({ "username": "" }),
            "username",
        ),
        (
            AccountOp::ConfirmResetPassword,
            json!({ "username": "a", "confirmationCode": "1" }),
            "newPassword",
        ),
        (
            AccountOp::UpdatePassword,
            json!({ "oldPassword": "a" }),
            "newPassword",
        ),
        (AccountOp::UpdateUserAttributes, json!({}), "userAttributes"),
        (
            AccountOp::UpdateUserAttribute,
            json!({ "userAttribute": {} }),
            "attributeKey",
        ),
        (
            AccountOp::ConfirmUserAttribute,
            json!({ "userAttributeKey": "email" }),
            "confirmationCode",
        ),
        (
            AccountOp::SendUserAttributeVerificationCode,
            Value::Null,
            "userAttributeKey",
        ),
        (
            AccountOp::DeleteUserAttributes,
            json!({ "userAttributeKeys": [] }),
            "userAttributeKeys",
        ),
        (AccountOp::VerifyTotpSetup, json!({ "code": "" }), "code"),
        (
            AccountOp::UpdateMfaPreference,
            json!({ "sms": "ON" }),
            "sms",
        ),
    ];
    for (op, input, field) in table {
        let e = request(
            op,
            "client",
            "ACCESS",
            Some("DEV"),
            &parse(&input.to_string()),
        )
        .unwrap_err();
        assert_eq!(e.name, "UnknownException", "{op:?} {input}");
        assert!(
            e.message.contains(&format!(" {field} ")),
            "{op:?} {input}: {}",
            e.message
        );
    }
}

#[test]
fn results_in_amplify_shapes() {
    let delivery =
        json!({ "Destination": "a***@b.c", "DeliveryMedium": "EMAIL", "AttributeName": "email" });
    let amplify_delivery =
        json!({ "destination": "a***@b.c", "deliveryMedium": "EMAIL", "attributeName": "email" });
    assert_eq!(
        res(
            AccountOp::ResetPassword,
            json!({ "username": "ann" }),
            json!({ "CodeDeliveryDetails": delivery })
        ),
        json!({ "isPasswordReset": false, "nextStep": { "resetPasswordStep": "CONFIRM_RESET_PASSWORD_WITH_CODE", "codeDeliveryDetails": amplify_delivery } })
    );
    assert_eq!(
        res(
            AccountOp::FetchUserAttributes,
            Value::Null,
            json!({ "Username": "ann", "UserAttributes": [
            { "Name": "sub", "Value": "s-1" }, { "Name": "email", "Value": "a@b.c" }, { "Name": "odd" }] })
        ),
        json!({ "sub": "s-1", "email": "a@b.c" })
    );
    // A code went out for email only: email waits for it, name is done.
    assert_eq!(
        res(
            AccountOp::UpdateUserAttributes,
            json!({ "userAttributes": { "email": "a@b.c", "name": "Ann" } }),
            json!({ "CodeDeliveryDetailsList": [delivery] })
        ),
        json!({
            "email": { "isUpdated": false, "nextStep": { "updateAttributeStep": "CONFIRM_ATTRIBUTE_WITH_CODE", "codeDeliveryDetails": amplify_delivery } },
            "name": { "isUpdated": true, "nextStep": { "updateAttributeStep": "DONE" } },
        })
    );
    assert_eq!(
        res(
            AccountOp::UpdateUserAttribute,
            json!({ "userAttribute": { "attributeKey": "name", "value": "Ann" } }),
            json!({})
        ),
        json!({ "isUpdated": true, "nextStep": { "updateAttributeStep": "DONE" } })
    );
    assert_eq!(
        res(
            AccountOp::SendUserAttributeVerificationCode,
            json!({ "userAttributeKey": "email" }),
            json!({ "CodeDeliveryDetails": delivery })
        ),
        amplify_delivery
    );
    assert_eq!(
        res(
            AccountOp::SetUpTotp,
            Value::Null,
            json!({ "SecretCode": "ABC" })
        ),
        json!({ "sharedSecret": "ABC", "username": "ann" })
    );
    assert_eq!(
        res(
            AccountOp::FetchMfaPreference,
            Value::Null,
            json!({ "PreferredMfaSetting": "SOFTWARE_TOKEN_MFA", "UserMFASettingList": ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "OTHER"] })
        ),
        json!({ "preferred": "TOTP", "enabled": ["SMS", "TOTP", "EMAIL"] })
    );
    assert_eq!(
        res(AccountOp::FetchMfaPreference, Value::Null, json!({})),
        json!({})
    );
    for op in [
        AccountOp::ConfirmResetPassword,
        AccountOp::UpdatePassword,
        AccountOp::DeleteUser,
        AccountOp::UpdateMfaPreference,
    ] {
        assert_eq!(res(op, Value::Null, json!({})), Value::Null, "{op:?}");
    }
    assert_eq!(
        res(
            AccountOp::VerifyTotpSetup,
            json!({ "code": "1" }),
            json!({ "Status": "SUCCESS" })
        ),
        Value::Null
    );
}

#[test]
fn replies_that_say_no_are_errors() {
    let input = parse(r#"{"code":"1"}"#);
    let e = result(
        AccountOp::VerifyTotpSetup,
        &input,
        "ann",
        &parse(r#"{"Status":"ERROR"}"#),
    )
    .unwrap_err();
    assert_eq!(e.name, "CodeMismatchException");
    let e = result(AccountOp::SetUpTotp, &Json::Null, "ann", &parse("{}")).unwrap_err();
    assert_eq!(e.name, "UnexpectedServerResponseException");
}

#[test]
fn remembered_devices() {
    assert_eq!(
        req(AccountOp::FetchDevices, Value::Null),
        (
            "ListDevices".into(),
            json!({ "AccessToken": "ACCESS", "Limit": 60 })
        )
    );
    assert_eq!(
        req(AccountOp::RememberDevice, Value::Null),
        (
            "UpdateDeviceStatus".into(),
            json!({ "AccessToken": "ACCESS", "DeviceKey": "DEV", "DeviceRememberedStatus": "remembered" })
        )
    );
    // This device, or the one the app names.
    assert_eq!(
        req(AccountOp::ForgetDevice, json!({})).1,
        json!({ "AccessToken": "ACCESS", "DeviceKey": "DEV" })
    );
    assert_eq!(
        req(
            AccountOp::ForgetDevice,
            json!({ "device": { "id": "OTHER", "name": "x" } })
        )
        .1,
        json!({ "AccessToken": "ACCESS", "DeviceKey": "OTHER" })
    );
    // No device remembered here and none named: Amplify's error, nothing sent.
    for op in [AccountOp::RememberDevice, AccountOp::ForgetDevice] {
        let e = request(op, "client", "ACCESS", None, &parse("{}")).unwrap_err();
        assert_eq!(e.name, "DeviceMetadataNotFoundException");
    }
    assert_eq!(
        res(
            AccountOp::FetchDevices,
            Value::Null,
            json!({ "Devices": [
            { "DeviceKey": "us-east-1_d1", "DeviceAttributes": [{ "Name": "device_name", "Value": "Chrome" }, { "Name": "last_ip_used", "Value": "1.2.3.4" }],
              "DeviceCreateDate": 1700000000.123, "DeviceLastModifiedDate": 1700000001 },
            { "DeviceKey": "us-east-1_d2" },
        ] })
        ),
        json!([
            { "id": "us-east-1_d1", "name": "Chrome", "attributes": { "device_name": "Chrome", "last_ip_used": "1.2.3.4" },
              "createDate": 1700000000123i64, "lastModifiedDate": 1700000001000i64 },
            { "id": "us-east-1_d2", "attributes": {} },
        ])
    );
    assert_eq!(
        res(AccountOp::FetchDevices, Value::Null, json!({})),
        json!([])
    );
}

/// The passkey calls, shaped as the Cognito API reference documents them (no local
/// Cognito runs WebAuthn; the browser suite checks them against a verifying fake).
#[test]
fn passkey_requests_and_results_as_the_api_reference_has_them() {
    let token = json!({ "AccessToken": "ACCESS" });
    assert_eq!(
        req(AccountOp::StartWebAuthnRegistration, json!({})),
        ("StartWebAuthnRegistration".into(), token.clone())
    );
    let credential = json!({ "id": "abc", "rawId": "abc", "type": "public-key", "response": { "clientDataJSON": "e30", "attestationObject": "o2M" }, "clientExtensionResults": {} });
    assert_eq!(
        req(
            AccountOp::CompleteWebAuthnRegistration,
            json!({ "credential": credential })
        ),
        (
            "CompleteWebAuthnRegistration".into(),
            json!({ "AccessToken": "ACCESS", "Credential": credential })
        )
    );
    let e = request(
        AccountOp::CompleteWebAuthnRegistration,
        "client",
        "ACCESS",
        None,
        &parse("{}"),
    )
    .unwrap_err();
    assert_eq!(e.name, "InvalidPasskeyRegistrationResult");
    assert_eq!(
        req(
            AccountOp::ListWebAuthnCredentials,
            json!({ "pageSize": 2, "nextToken": "n1" })
        ),
        (
            "ListWebAuthnCredentials".into(),
            json!({ "AccessToken": "ACCESS", "MaxResults": 2, "NextToken": "n1" })
        )
    );
    assert_eq!(req(AccountOp::ListWebAuthnCredentials, json!({})).1, token);
    assert_eq!(
        req(
            AccountOp::DeleteWebAuthnCredential,
            json!({ "credentialId": "c1" })
        ),
        (
            "DeleteWebAuthnCredential".into(),
            json!({ "AccessToken": "ACCESS", "CredentialId": "c1" })
        )
    );

    let options = json!({ "challenge": "Y2g", "rp": { "id": "example.com", "name": "Ex" }, "user": { "id": "dQ", "name": "ann", "displayName": "ann" }, "pubKeyCredParams": [{ "type": "public-key", "alg": -7 }], "timeout": 60000 });
    assert_eq!(
        res(
            AccountOp::StartWebAuthnRegistration,
            json!({}),
            json!({ "CredentialCreationOptions": options })
        ),
        options
    );
    let e = result(
        AccountOp::StartWebAuthnRegistration,
        &parse("{}"),
        "ann",
        &parse("{}"),
    )
    .unwrap_err();
    assert_eq!(
        (e.name.as_str(), e.message.as_str()),
        (
            "InvalidPasskeyRegistrationOptions",
            "Invalid passkey registration options."
        )
    );
    // Epoch seconds (with a fraction, as Cognito sends them) become milliseconds.
    let listed = json!({
        "Credentials": [
            { "CredentialId": "c1", "FriendlyCredentialName": "Laptop", "RelyingPartyId": "example.com", "AuthenticatorAttachment": "platform", "AuthenticatorTransports": ["internal"], "CreatedAt": 1_733_000_000.5 },
            { "CredentialId": "c2", "RelyingPartyId": "example.com", "AuthenticatorTransports": ["usb", "nfc"] }
        ],
        "NextToken": "n2"
    });
    assert_eq!(
        res(AccountOp::ListWebAuthnCredentials, json!({}), listed),
        json!({
            "credentials": [
                { "credentialId": "c1", "friendlyCredentialName": "Laptop", "relyingPartyId": "example.com", "authenticatorAttachment": "platform", "authenticatorTransports": ["internal"], "createdAt": 1_733_000_000_500u64 },
                { "credentialId": "c2", "relyingPartyId": "example.com", "authenticatorTransports": ["usb", "nfc"] }
            ],
            "nextToken": "n2"
        })
    );
    assert_eq!(
        res(AccountOp::ListWebAuthnCredentials, json!({}), json!({})),
        json!({ "credentials": [] })
    );
    for op in [
        AccountOp::CompleteWebAuthnRegistration,
        AccountOp::DeleteWebAuthnCredential,
    ] {
        assert_eq!(res(op, json!({}), json!({})), Value::Null);
    }
}
