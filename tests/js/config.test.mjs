// The package's configuration parser (pkg-template/config.ts, as built into pkg/) in Node: the three formats
// Amplify apps use, normalised to v6, and an InvalidConfigException naming the field
// for every kind of mistake. (The browser suites check configure() itself.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../pkg/config.js';

class AuthError extends Error {
  constructor({ name, message, recoverySuggestion, underlyingError }) {
    super(message);
    this.name = name;
    this.recoverySuggestion = recoverySuggestion;
    this.underlyingError = underlyingError;
  }
}
const parse = (raw) => parseConfig(raw, AuthError);
const cognito = (raw) => parse(raw).Auth.Cognito;

test('v6: kept as given, ids trimmed, nulls dropped', () => {
  const c = cognito({ Auth: { Cognito: { userPoolId: ' eu-west-2_Abc123 ', userPoolClientId: 'client1', userPoolEndpoint: 'http://127.0.0.1:4566', identityPoolId: null, custom: { x: 1 } } } });
  assert.deepEqual(c, { userPoolId: 'eu-west-2_Abc123', userPoolClientId: 'client1', userPoolEndpoint: 'http://127.0.0.1:4566', custom: { x: 1 } });
  assert.deepEqual(cognito({ Auth: { Cognito: { userPoolId: 'cn-north-1_X1', userPoolClientId: 'c' } } }), { userPoolId: 'cn-north-1_X1', userPoolClientId: 'c' });
});

test('Gen1 aws-exports / amplifyconfiguration.json', () => {
  const c = cognito({
    aws_project_region: 'us-east-1',
    aws_user_pools_id: 'us-east-1_Pool1',
    aws_user_pools_web_client_id: 'abc',
    aws_cognito_identity_pool_id: 'us-east-1:1234',
    aws_mandatory_sign_in: 'enable',
    aws_cognito_username_attributes: ['EMAIL'],
    aws_cognito_signup_attributes: ['EMAIL', 'NAME'],
    aws_cognito_mfa_configuration: 'OPTIONAL',
    aws_cognito_mfa_types: ['SMS', 'TOTP'],
    aws_cognito_password_protection_settings: { passwordPolicyMinLength: 8, passwordPolicyCharacters: ['REQUIRES_NUMBERS'] },
    aws_cognito_social_providers: ['GOOGLE'],
    oauth: { domain: 'x.auth.us-east-1.amazoncognito.com', scope: ['openid'], redirectSignIn: 'http://localhost:3000/,https://app/', redirectSignOut: 'http://localhost:3000/', responseType: 'code' },
  });
  assert.deepEqual(c, {
    userPoolId: 'us-east-1_Pool1',
    userPoolClientId: 'abc',
    identityPoolId: 'us-east-1:1234',
    allowGuestAccess: false,
    signUpVerificationMethod: 'code',
    loginWith: {
      email: true,
      phone: false,
      username: false,
      oauth: {
        domain: 'x.auth.us-east-1.amazoncognito.com',
        scopes: ['openid'],
        redirectSignIn: ['http://localhost:3000/', 'https://app/'],
        redirectSignOut: ['http://localhost:3000/'],
        responseType: 'code',
        providers: ['Google'],
      },
    },
    userAttributes: { email: { required: true }, name: { required: true } },
    passwordFormat: { minLength: 8, requireLowercase: false, requireUppercase: false, requireNumbers: true, requireSpecialCharacters: false },
    mfa: { status: 'optional', totpEnabled: true, smsEnabled: true, emailEnabled: false },
  });
  const minimal = cognito({ aws_user_pools_id: 'us-east-1_Pool1', aws_user_pools_web_client_id: 'abc', aws_cognito_password_protection_settings: { passwordPolicyMinLength: '12' } });
  assert.deepEqual(minimal.loginWith, { email: false, phone: false, username: true });
  assert.equal(minimal.passwordFormat.minLength, 12);
  assert.equal(minimal.allowGuestAccess, undefined, 'no identity pool, no guest flag');
});

test('Gen2 amplify_outputs.json', () => {
  const c = cognito({
    version: '1.3',
    auth: {
      aws_region: 'us-west-2',
      user_pool_id: 'us-west-2_Gen2',
      user_pool_client_id: 'cid',
      identity_pool_id: 'us-west-2:abc',
      unauthenticated_identities_enabled: true,
      username_attributes: ['email'],
      standard_required_attributes: ['email'],
      user_verification_types: ['email'],
      password_policy: { min_length: 10, require_symbols: true },
      mfa_configuration: 'OFF',
      mfa_methods: [],
      oauth: { identity_providers: ['GOOGLE', 'SIGN_IN_WITH_APPLE', 'MyOidc'], domain: 'd.auth.us-west-2.amazoncognito.com', scopes: ['openid'], redirect_sign_in_uri: ['http://localhost:3000/'], redirect_sign_out_uri: ['http://localhost:3000/'], response_type: 'code' },
    },
  });
  assert.deepEqual(c, {
    userPoolId: 'us-west-2_Gen2',
    userPoolClientId: 'cid',
    identityPoolId: 'us-west-2:abc',
    allowGuestAccess: true,
    loginWith: {
      email: true,
      phone: false,
      username: false,
      oauth: {
        domain: 'd.auth.us-west-2.amazoncognito.com',
        scopes: ['openid'],
        redirectSignIn: ['http://localhost:3000/'],
        redirectSignOut: ['http://localhost:3000/'],
        responseType: 'code',
        providers: ['Google', 'Apple', 'MyOidc'],
      },
    },
    signUpVerificationMethod: 'code',
    userAttributes: { email: { required: true } },
    passwordFormat: { minLength: 10, requireLowercase: false, requireUppercase: false, requireNumbers: false, requireSpecialCharacters: true },
    mfa: { status: 'off', totpEnabled: false, smsEnabled: false, emailEnabled: false },
  });
});

test('every mistake is an InvalidConfigException that names the field', () => {
  const cases = [
    [5, 'config'],
    [undefined, 'config'],
    [[1], 'config'],
    [{ Auth: {} }, 'Auth.Cognito'],
    [{ Auth: 'x' }, 'Auth'],
    [{ Auth: { Cognito: { userPoolClientId: 'c' } } }, 'Auth.Cognito.userPoolId'],
    [{ Auth: { Cognito: { userPoolId: 'nope', userPoolClientId: 'c' } } }, 'Auth.Cognito.userPoolId'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a' } } }, 'Auth.Cognito.userPoolClientId'],
    [{ Auth: { Cognito: { userPoolId: 7 } } }, 'Auth.Cognito.userPoolId'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c d' } } }, 'Auth.Cognito.userPoolClientId'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', userPoolEndpoint: 'ftp://x' } } }, 'Auth.Cognito.userPoolEndpoint'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', signUpVerificationMethod: 'sms' } } }, 'Auth.Cognito.signUpVerificationMethod'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', mfa: [] } } }, 'Auth.Cognito.mfa'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', loginWith: { oauth: { redirectSignIn: ['x'] } } } } }, 'Auth.Cognito.loginWith.oauth.domain'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', loginWith: { oauth: { domain: 'd' } } } } }, 'Auth.Cognito.loginWith.oauth.redirectSignIn'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', loginWith: { oauth: { domain: 'd', redirectSignIn: 'x', responseType: 'id_token' } } } } }, 'Auth.Cognito.loginWith.oauth.responseType'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', loginWith: { oauth: { domain: 'd', redirectSignIn: [1] } } } } }, 'Auth.Cognito.loginWith.oauth.redirectSignIn'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', identityPoolId: 'nope' } } }, 'Auth.Cognito.identityPoolId'],
    [{ Auth: { Cognito: { userPoolId: 'us-east-1_a', userPoolClientId: 'c', identityPoolId: 'us-east-1:x', identityPoolEndpoint: 'x' } } }, 'Auth.Cognito.identityPoolEndpoint'],
    [{ aws_project_region: 'us-east-1' }, 'aws_user_pools_id'],
    [{ aws_user_pools_id: 'us-east-1_a', aws_user_pools_web_client_id: 'c', aws_cognito_username_attributes: 5 }, 'aws_cognito_username_attributes'],
    [{ version: '1', auth: { user_pool_client_id: 'c' } }, 'auth.user_pool_id'],
    [{ version: '1', auth: { user_pool_id: 'us-east-1_a' } }, 'auth.user_pool_client_id'],
    [{ version: '1' }, 'auth'],
    [{}, 'Auth.Cognito'],
  ];
  for (const [cfg, field] of cases) {
    assert.throws(
      () => parse(cfg),
      (e) => {
        assert.equal(e.name, 'InvalidConfigException', JSON.stringify(cfg));
        assert.ok(e.message.startsWith(`Invalid configuration: ${field} `), `${e.message} should name ${field}`);
        assert.ok(e.recoverySuggestion.includes(field));
        return true;
      },
    );
  }
});

test('the result is plain data the engine can take back (idempotent)', () => {
  const gen1 = { aws_user_pools_id: 'us-east-1_Pool1', aws_user_pools_web_client_id: 'abc', aws_cognito_mfa_configuration: 'ON' };
  const once = parse(gen1);
  assert.deepEqual(parse(once), once);
  assert.equal(JSON.stringify(parse(structuredClone(once))), JSON.stringify(once));
  assert.equal(JSON.stringify(once).includes('null'), false);
});

test('the engine’s edge rules: Rust whitespace, ASCII case, field order, u64 lengths, values JSON cannot carry', () => {
  const v6 = (c) => ({ Auth: { Cognito: { userPoolId: 'us-east-1_Abc', userPoolClientId: 'abc', ...c } } });
  assert.equal(cognito(v6({ userPoolId: 'us-east-1_Abc\u0085' })).userPoolId, 'us-east-1_Abc', 'U+0085 is whitespace to str::trim');
  assert.throws(() => parse(v6({ userPoolClientId: '\uFEFFabc' })), /userPoolClientId has characters/, 'U+FEFF is not');
  const gen1 = { aws_user_pools_id: 'us-east-1_Pool1', aws_user_pools_web_client_id: 'abc' };
  assert.equal(cognito({ ...gen1, aws_cognito_username_attributes: ['emaıl'] }).loginWith.email, false, 'ASCII-only case mapping');
  assert.deepEqual(cognito({ ...gen1, aws_cognito_signup_attributes: ['NAMÉ'] }).userAttributes, { namÉ: { required: true } });
  assert.throws(() => parse({ ...gen1, aws_cognito_social_providers: 5, oauth: { domain: 'd', scope: 5 } }), /aws_cognito_social_providers must be a list/);
  const pw = (min) => cognito({ ...gen1, aws_cognito_password_protection_settings: { passwordPolicyMinLength: min } }).passwordFormat.minLength;
  assert.equal(pw(2 ** 53), 2 ** 53);
  assert.equal(pw('99999999999999999999'), undefined, 'past u64');
  assert.equal(pw('+8'), 8);
  for (const bad of [() => 1, { Auth: { Cognito: { x: 1n } } }, Symbol('x')]) {
    assert.throws(() => parse(bad), (e) => e.name === 'Unknown' && e.message === 'An unknown error has occurred.');
  }
  const cyclic = {};
  cyclic.self = cyclic;
  assert.throws(() => parse(cyclic), (e) => e.name === 'Unknown' && e.underlyingError instanceof TypeError);
});

test('Gen2 passwordless settings become Auth.Cognito.passwordless, as Amplify names them', () => {
  const outputs = (passwordless) => ({ version: '1.4', auth: { aws_region: 'us-east-1', user_pool_id: 'us-east-1_a', user_pool_client_id: 'c', passwordless } });
  const c = parse(outputs({ email_otp_enabled: true, sms_otp_enabled: false, web_authn: { relying_party_id: 'example.com', user_verification: 'preferred' }, preferred_challenge: 'EMAIL_OTP' })).Auth.Cognito;
  assert.deepEqual(c.passwordless, { emailOtpEnabled: true, smsOtpEnabled: false, webAuthn: { relyingPartyId: 'example.com', userVerification: 'preferred' }, preferredChallenge: 'EMAIL_OTP' });
  assert.deepEqual(parse(outputs({ email_otp_enabled: true })).Auth.Cognito.passwordless, { emailOtpEnabled: true, smsOtpEnabled: false });
  assert.equal(parse(outputs(undefined)).Auth.Cognito.passwordless, undefined);
});

test("configure() announces itself on Hub 'core' as Amplify does, once per new configuration", async () => {
  const { pathToFileURL } = await import('node:url');
  const { join, dirname } = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
  const api = await import(`${pathToFileURL(join(pkg, 'index.js')).href}?core-event`);
  const heard = [];
  api.Hub.listen('core', ({ payload, source }) => heard.push([payload.event, source, payload.data?.Auth?.Cognito?.userPoolId]));
  const config = { Auth: { Cognito: { userPoolId: 'us-east-1_Abc', userPoolClientId: 'client' } } };
  api.configure(config);
  api.configure(structuredClone(config)); // the same again (StrictMode, HMR): nothing new
  api.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_Other', userPoolClientId: 'client' } } });
  assert.deepEqual(heard, [
    ['configure', 'Configure', 'us-east-1_Abc'],
    ['configure', 'Configure', 'us-east-1_Other'],
  ]);
});
