#!/usr/bin/env python3
"""Create a Cognito user pool + public app client on a local ministack.

Prints one JSON object to stdout:
  {"region", "userPoolId", "userPoolClientId", "endpoint"}
  plus "identityPoolId" with --identity-pool.

Usage:
  setup_pool.py --endpoint http://127.0.0.1:4610 [--name NAME] [--region us-east-1]
                [--create-user USER:PASSWORD:EMAIL ...]
                [--create-temp-user USER:TEMPPASS:EMAIL ...]
                [--mfa OFF|OPTIONAL|ON]
                [--oauth CALLBACK_URL[,CALLBACK_URL...]] [--identity-pool]

--oauth sets the app client up for the hosted UI (code flow, the same URLs as callback
and logout URLs); ministack serves it at the gateway root with no user pool domain.
--identity-pool creates an identity pool (guests allowed) linked to the app client.

Admin calls are SigV4-signed with the dummy key "test" (with AUTH=true ministack accepts only that).
Run with the ministack venv's python (it has boto3): /opt/ministack-venv/bin/python.
"""
import argparse
import json
import sys

import boto3


def parse_user(spec: str):
    # USER:PASSWORD:EMAIL — the password may itself contain ':', so split the
    # username off the front and the email off the back.
    user, sep, rest = spec.partition(":")
    password, sep2, email = rest.rpartition(":")
    if not (sep and sep2 and user and password and email):
        raise argparse.ArgumentTypeError("expected USER:PASSWORD:EMAIL")
    return user, password, email


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--endpoint", required=True, help="e.g. http://127.0.0.1:4610")
    ap.add_argument("--name", default="cognito-wasm-test", help="user pool name")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--create-user", action="append", default=[], type=parse_user,
                    metavar="USER:PASSWORD:EMAIL",
                    help="create a CONFIRMED user with a permanent password (repeatable)")
    ap.add_argument("--create-temp-user", action="append", default=[], type=parse_user,
                    metavar="USER:TEMPPASS:EMAIL",
                    help="create a user with a temporary password (FORCE_CHANGE_PASSWORD, so the "
                         "first sign-in gets NEW_PASSWORD_REQUIRED) (repeatable)")
    ap.add_argument("--mfa", choices=["OFF", "OPTIONAL", "ON"], default=None,
                    help="MfaConfiguration with TOTP enabled (SetUserPoolMfaConfig); default: OFF, not set")
    ap.add_argument("--username-attributes", default="",
                    help="comma-separated UsernameAttributes, e.g. email (then the username is the sub)")
    ap.add_argument("--oauth", default="", metavar="CALLBACK_URL[,...]",
                    help="enable the hosted UI (code flow) with these callback URLs, also used as logout URLs")
    ap.add_argument("--identity-pool", action="store_true",
                    help="create an identity pool linked to the app client (AllowUnauthenticatedIdentities)")
    args = ap.parse_args()
    callback_urls = [u.strip() for u in args.oauth.split(",") if u.strip()]

    idp = boto3.client(
        "cognito-idp",
        endpoint_url=args.endpoint,
        region_name=args.region,
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )

    pool = idp.create_user_pool(
        PoolName=args.name,
        AutoVerifiedAttributes=["email"],
        Schema=[{
            "Name": "email",
            "AttributeDataType": "String",
            "Required": True,
            "Mutable": True,
        }],
        Policies={"PasswordPolicy": {
            "MinimumLength": 8,
            "RequireUppercase": True,
            "RequireLowercase": True,
            "RequireNumbers": True,
            "RequireSymbols": False,
        }},
        MfaConfiguration="OFF",
        **({"UsernameAttributes": [a for a in args.username_attributes.split(",") if a]}
           if args.username_attributes else {}),
    )["UserPool"]
    pool_id = pool["Id"]

    client = idp.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName=f"{args.name}-web",
        GenerateSecret=False,
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
        EnableTokenRevocation=True,
        **({
            "AllowedOAuthFlowsUserPoolClient": True,
            "AllowedOAuthFlows": ["code"],
            "AllowedOAuthScopes": ["openid", "email", "profile", "aws.cognito.signin.user.admin"],
            "CallbackURLs": callback_urls,
            "LogoutURLs": callback_urls,
            "SupportedIdentityProviders": ["COGNITO"],
        } if callback_urls else {}),
    )["UserPoolClient"]

    identity_pool_id = None
    if args.identity_pool:
        ci = boto3.client(
            "cognito-identity",
            endpoint_url=args.endpoint,
            region_name=args.region,
            aws_access_key_id="test",
            aws_secret_access_key="test",
        )
        identity_pool_id = ci.create_identity_pool(
            IdentityPoolName=args.name.replace("-", "_"),
            AllowUnauthenticatedIdentities=True,
            CognitoIdentityProviders=[{
                "ProviderName": f"cognito-idp.{args.region}.amazonaws.com/{pool_id}",
                "ClientId": client["ClientId"],
                "ServerSideTokenCheck": False,
            }],
        )["IdentityPoolId"]

    for username, password, email in args.create_user:
        idp.admin_create_user(
            UserPoolId=pool_id,
            Username=username,
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "email_verified", "Value": "true"},
            ],
            MessageAction="SUPPRESS",
        )
        idp.admin_set_user_password(
            UserPoolId=pool_id, Username=username, Password=password, Permanent=True,
        )
        print(f"created confirmed user {username}", file=sys.stderr)

    for username, temp_password, email in args.create_temp_user:
        idp.admin_create_user(
            UserPoolId=pool_id,
            Username=username,
            TemporaryPassword=temp_password,
            UserAttributes=[
                {"Name": "email", "Value": email},
                {"Name": "email_verified", "Value": "true"},
            ],
            MessageAction="SUPPRESS",
        )
        print(f"created user {username} with a temporary password", file=sys.stderr)

    if args.mfa is not None:
        idp.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration=args.mfa,
        )

    out = {
        "region": args.region,
        "userPoolId": pool_id,
        "userPoolClientId": client["ClientId"],
        "endpoint": args.endpoint,
    }
    if identity_pool_id:
        out["identityPoolId"] = identity_pool_id
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
