//! Remembered devices: listing, remembering and forgetting.

use super::*;
use crate::core::device_srp::{self, DeviceSecret, DeviceSrpClient};

fn no_device() -> AuthError {
    AuthError::new(
        "DeviceMetadataNotFoundException",
        "Either deviceKey, deviceGroupKey or secretPassword were not found during the sign-in process.",
    )
    .with_recovery("Make sure to not clear storage after calling the signIn API.")
}

/// Cognito dates are epoch seconds; the package turns these ms into `Date`s.
fn date_ms(v: Option<&Value>) -> Value {
    v.and_then(Value::as_f64)
        .map(|s| json!((s * 1000.0).round()))
        .unwrap_or(Value::Null)
}

impl<E: Env> Auth<E> {
    pub async fn fetch_devices(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let s = self.signed_in(&cfg).await?;
        let r = self
            .call(
                &cfg,
                "ListDevices",
                json!({ "AccessToken": s.access_token, "Limit": 60 }),
            )
            .await?;
        let mut out = Vec::new();
        if let Some(Value::Array(list)) = r.get("Devices") {
            for d in list {
                let mut attributes = Map::new();
                if let Some(Value::Array(attrs)) = d.get("DeviceAttributes") {
                    for a in attrs {
                        if let (Some(n), Some(v)) =
                            (a.get("Name").and_then(Value::as_str), a.get("Value"))
                        {
                            attributes.insert(n.to_string(), v.clone());
                        }
                    }
                }
                out.push(json!({
                    "id": d.get("DeviceKey"),
                    "name": attributes.get("device_name"),
                    "attributes": attributes,
                    "createDate": date_ms(d.get("DeviceCreateDate")),
                    "lastAuthenticatedDate": date_ms(d.get("DeviceLastAuthenticatedDate")),
                    "lastModifiedDate": date_ms(d.get("DeviceLastModifiedDate")),
                }));
            }
        }
        Ok(Value::Array(out))
    }

    pub async fn remember_device(&self) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let s = self.signed_in(&cfg).await?;
        let d = session::load_device(&self.env, &cfg.user_pool_client_id, &s.username)
            .await?
            .ok_or_else(no_device)?;
        let body = json!({
            "AccessToken": s.access_token,
            "DeviceKey": d.device_key,
            "DeviceRememberedStatus": "remembered",
        });
        self.call(&cfg, "UpdateDeviceStatus", body).await?;
        Ok(Value::Null)
    }

    /// Forgets `device.id`, or this browser's device when none is given.
    pub async fn forget_device(&self, input: &Value) -> Result<Value, AuthError> {
        let cfg = self.cfg()?;
        let i = Input::new(input)?;
        let external = match i.get("device") {
            Some(Value::Object(m)) => Input(Some(m)).opt_str("id")?.map(str::to_string),
            _ => None,
        };
        let s = self.signed_in(&cfg).await?;
        let current =
            session::load_device(&self.env, &cfg.user_pool_client_id, &s.username).await?;
        let key = match (&external, &current) {
            (Some(k), _) => k.clone(),
            (None, Some(d)) => d.device_key.clone(),
            (None, None) => return Err(no_device()),
        };
        self.call(
            &cfg,
            "ForgetDevice",
            json!({ "AccessToken": s.access_token, "DeviceKey": key }),
        )
        .await?;
        if current.is_some_and(|d| d.device_key == key) {
            session::clear_device(&self.env, &cfg.user_pool_client_id, &s.username).await?;
        }
        Ok(Value::Null)
    }
}

impl<E: Env> Auth<E> {
    /// ConfirmDevice for a device Cognito just created, then stores its keys.
    pub(super) async fn confirm_new_device(
        &self,
        cfg: &CognitoConfig,
        username: &str,
        meta: &Map<String, Value>,
        access_token: &str,
    ) -> Result<(), AuthError> {
        let (Some(key), Some(group)) = (str_of(meta, "DeviceKey"), str_of(meta, "DeviceGroupKey"))
        else {
            return Err(AuthError::bad_reply(
                "NewDeviceMetadata lacks DeviceKey or DeviceGroupKey",
            ));
        };
        let mut password = Zeroizing::new([0u8; device_srp::RANDOM_PASSWORD_BYTES]);
        let mut salt = [0u8; device_srp::SALT_RANDOM_BYTES];
        self.env.fill_random(&mut password[..])?;
        self.env.fill_random(&mut salt)?;
        let (random_password, verifier, salt) =
            device_srp::new_device_verifier(group, key, &password, &salt);
        let secret = DeviceSecret::new(key, group, random_password);
        let body = json!({
            "AccessToken": access_token,
            "DeviceKey": key,
            "DeviceSecretVerifierConfig": { "PasswordVerifier": verifier, "Salt": salt },
            "DeviceName": self.env.device_name(),
        });
        self.call(cfg, "ConfirmDevice", body).await?;
        session::store_device(&self.env, &cfg.user_pool_client_id, username, &secret).await
    }

    /// Answers DEVICE_SRP_AUTH and then DEVICE_PASSWORD_VERIFIER with the remembered
    /// device; returns Cognito's reply to the latter.
    pub(super) async fn device_srp_auth(
        &self,
        cfg: &CognitoConfig,
        ctx: &sign_in::Ctx,
        r: &Map<String, Value>,
    ) -> Result<Map<String, Value>, AuthError> {
        let secret = session::load_device(&self.env, &cfg.user_pool_client_id, &ctx.username)
            .await?
            .ok_or_else(no_device)?;
        let mut random = Zeroizing::new([0u8; A_RANDOM_BYTES]);
        self.env.fill_random(&mut random[..])?;
        let client = DeviceSrpClient::new(&random[..])?;
        let responses = json!({ "USERNAME": ctx.username, "SRP_A": client.public_hex(), "DEVICE_KEY": secret.device_key });
        let r = self
            .respond(
                cfg,
                "DEVICE_SRP_AUTH",
                responses,
                str_of(r, "Session"),
                ctx.metadata.clone(),
            )
            .await?;
        if str_of(&r, "ChallengeName") != Some("DEVICE_PASSWORD_VERIFIER") {
            return Err(AuthError::bad_reply(
                "DEVICE_SRP_AUTH did not answer with DEVICE_PASSWORD_VERIFIER",
            ));
        }
        let p = challenge_params(&r)?;
        let param = |k: &str| {
            str_of(&p, k)
                .ok_or_else(|| AuthError::bad_reply(&format!("ChallengeParameters.{k} is missing")))
        };
        let claim = client.password_claim(
            &secret,
            param("SALT")?,
            param("SRP_B")?,
            param("SECRET_BLOCK")?,
            self.env.now_ms(),
        )?;
        let responses = json!({
            "USERNAME": str_of(&p, "USERNAME").unwrap_or(&ctx.username),
            "PASSWORD_CLAIM_SECRET_BLOCK": claim.secret_block,
            "TIMESTAMP": claim.timestamp,
            "PASSWORD_CLAIM_SIGNATURE": claim.signature,
            "DEVICE_KEY": secret.device_key,
        });
        self.respond(
            cfg,
            "DEVICE_PASSWORD_VERIFIER",
            responses,
            str_of(&r, "Session"),
            ctx.metadata.clone(),
        )
        .await
    }
}
