//! Remembered devices: listing, remembering and forgetting.

use super::*;

fn no_device() -> AuthError {
    AuthError::new(
        "DeviceMetadataException",
        "Either deviceKey, deviceGroupKey or secretPassword were not found during the sign-in process.",
    )
    .with_recovery("Device tracking must be on for the user pool, and storage must not be cleared after signIn.")
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
    /// ConfirmDevice for a device Cognito just created, storing its keys.
    pub(super) async fn confirm_new_device(
        &self,
        _cfg: &CognitoConfig,
        _username: &str,
        _meta: &Map<String, Value>,
        _access_token: &str,
    ) -> Result<(), AuthError> {
        Err(AuthError::new(
            "DeviceUnsupported",
            "device confirmation is being implemented",
        ))
    }

    /// Answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER for a remembered device.
    pub(super) async fn device_srp_auth(
        &self,
        _cfg: &CognitoConfig,
        _ctx: &sign_in::Ctx,
        _r: &Map<String, Value>,
    ) -> Result<Value, AuthError> {
        Err(AuthError::new(
            "DeviceUnsupported",
            "device SRP is being implemented",
        ))
    }
}
