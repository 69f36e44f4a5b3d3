#!/usr/bin/env python3
"""Create the user pools Amplify UI's Authenticator examples run against, on a local ministack.

Reads a JSON spec on stdin: {"endpoint": URL, "pools": {NAME: POOL, ...}} where POOL is
  {"usernameAttributes": ["email"|"phone_number"], "required": [attribute, ...],
   "symbols": bool (password policy requires symbols), "classes": bool (upper, lower, digits; default true), "mfa": "OFF"|"ON"|"OPTIONAL",
   "users": [{"username", "password", "attributes": {..}, "status": "CONFIRMED"|"UNCONFIRMED"|"FORCE_CHANGE_PASSWORD"}]}
and prints {NAME: {"userPoolId", "userPoolClientId"}, ...}.

UNCONFIRMED users are made with the public SignUp call (never confirmed); the others with
AdminCreateUser (a temporary password: FORCE_CHANGE_PASSWORD) and, for CONFIRMED, a
permanent password. Admin calls are SigV4-signed with the dummy key "test".
"""
import json
import sys

import boto3

STANDARD = {
    "address", "birthdate", "email", "family_name", "gender", "given_name", "locale",
    "middle_name", "name", "nickname", "phone_number", "picture", "preferred_username",
    "profile", "updated_at", "website", "zoneinfo",
}


def main() -> int:
    spec = json.load(sys.stdin)
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=spec["endpoint"],
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    out = {}
    for name, p in spec["pools"].items():
        required = p.get("required", [])
        schema = [
            {"Name": a, "AttributeDataType": "String", "Required": True, "Mutable": True}
            for a in required if a in STANDARD
        ]
        pool = idp.create_user_pool(
            PoolName=name,
            AutoVerifiedAttributes=["email"],
            **({"Schema": schema} if schema else {}),
            Policies={"PasswordPolicy": {
                "MinimumLength": 8,
                "RequireUppercase": p.get("classes", True),
                "RequireLowercase": p.get("classes", True),
                "RequireNumbers": p.get("classes", True),
                "RequireSymbols": bool(p.get("symbols", False)),
            }},
            MfaConfiguration="OFF",
            **({"UsernameAttributes": p["usernameAttributes"]} if p.get("usernameAttributes") else {}),
        )["UserPool"]
        pool_id = pool["Id"]
        client_id = idp.create_user_pool_client(
            UserPoolId=pool_id,
            ClientName=f"{name}-web",
            GenerateSecret=False,
            ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            EnableTokenRevocation=True,
        )["UserPoolClient"]["ClientId"]
        for u in p.get("users", []):
            attrs = [{"Name": k, "Value": v} for k, v in u.get("attributes", {}).items()]
            if u["status"] == "UNCONFIRMED":
                idp.sign_up(ClientId=client_id, Username=u["username"], Password=u["password"], UserAttributes=attrs)
                continue
            idp.admin_create_user(
                UserPoolId=pool_id,
                Username=u["username"],
                TemporaryPassword=u["password"],
                UserAttributes=attrs,
                MessageAction="SUPPRESS",
            )
            if u["status"] == "CONFIRMED":
                idp.admin_set_user_password(UserPoolId=pool_id, Username=u["username"], Password=u["password"], Permanent=True)
        if p.get("mfa") in ("ON", "OPTIONAL"):
            idp.set_user_pool_mfa_config(
                UserPoolId=pool_id,
                SoftwareTokenMfaConfiguration={"Enabled": True},
                MfaConfiguration=p["mfa"],
            )
        out[name] = {"userPoolId": pool_id, "userPoolClientId": client_id}
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
