// The typed modules' boundary (wasm/src/abi.rs ↔ pkg-template/abi.ts): every export of the
// built wasm is called through the package's own bindings (core-v2.js, device.js, steps.js, oauth.js, identity.js, account.js) with
// exactly as many arguments as the export takes, all numbers — an argument too many or
// too few would silently shift every later one. Each binding is exercised once, and
// every export must have been reached. Node, no network: the calls that would send
// return their request, replies are documented shapes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
const load = (f) => import(pathToFileURL(join(pkg, f)).href);
// The ABI helpers the driver passes to the lazily loaded modules' bindings.
const { abi } = await load('abi.js');

/** The module's exports, each function checked for its argument count and types. */
async function checkedModule(inline) {
  const { unpack } = await load('unpack.js');
  const { wasmBase64, wasmSize } = await load(inline);
  const { instance } = await WebAssembly.instantiate(await unpack(wasmBase64, wasmSize), {});
  const x = instance.exports;
  const called = new Set();
  const wrapped = {};
  for (const [name, v] of Object.entries(x)) {
    wrapped[name] =
      typeof v !== 'function'
        ? v
        : (...a) => {
            called.add(name);
            assert.equal(a.length, v.length, `${name}: ${a.length} arguments for ${v.length} parameters`);
            for (const n of a) assert.equal(typeof n, 'number', `${name}: a ${typeof n} argument`);
            return v(...a);
          };
  }
  const missed = () => Object.keys(x).filter((n) => typeof x[n] === 'function' && !called.has(n));
  return { wrapped, missed };
}

/** The call's result, or the error it throws (the ABI's errors are JSON strings). */
const attempt = (fn) => {
  try {
    return { ok: fn() };
  } catch (e) {
    assert.equal(typeof e, 'string', `not an ABI error: ${e}`);
    return { error: JSON.parse(e) };
  }
};

// Reached by the remembered-device test below, through device.js.
const DEVICE_EXPORTS = ['signin_device', 'device_confirm'];

const jwt = (claims) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

test('the typed core: every export reached through core-v2.js, with its exact arguments', async () => {
  const { wrapped, missed } = await checkedModule('cognito_wasm_v2_inline.js');
  const { bind } = await load('core-v2.js');
  const core = bind(wrapped);
  const random = (n) => new Uint8Array(n).map((_, i) => i + 7);

  const spare = new core.Srp(random(32));
  spare.free();
  const srp = new core.Srp(random(32));
  const flow = core.signIn('USER_SRP_AUTH', 'us-east-1_Abc', 'client', 'ann', 'pw', '{"k":"v"}', srp, random(32));
  assert.equal(srp.h, 0, 'the prepared SRP moved into the sign-in');
  const start = JSON.parse(flow.start());
  assert.equal(start.send.target, 'AWSCognitoIdentityProviderService.InitiateAuth');
  assert.equal(JSON.parse(start.send.body).ClientMetadata.k, 'v');
  assert.equal(flow.username, 'ann');
  const refused = attempt(() => flow.onReply(400, 'rid-1', undefined, '{"__type":"NotAuthorizedException","message":"Incorrect username or password."}'));
  assert.deepEqual(refused.error.metadata, { httpStatusCode: 400, requestId: 'rid-1' });
  assert.equal(attempt(() => flow.withDevice('k', Date.now())).error.name, 'SignInException');
  assert.equal(attempt(() => flow.resume()).error.name, 'SignInException');
  flow.free();
  flow.free(); // idempotent

  const userAuth = core.signIn('USER_AUTH', 'us-east-1_Abc', 'client', 'ann', 'pw', undefined, undefined, random(32), 'PASSWORD_SRP', 'select-session');
  assert.equal(JSON.parse(JSON.parse(userAuth.start()).send.body).ChallengeName, 'SELECT_CHALLENGE');
  userAuth.free();

  const answer = core.answer('client', 'ann', 'SMS_MFA', 'sess', '{"USERNAME":"ann","SMS_MFA_CODE":"123456"}', true, undefined);
  assert.deepEqual(JSON.parse(answer.start()), { loadDevice: 'ann' });
  const sent = JSON.parse(answer.withDevice(undefined, Date.now()));
  assert.deepEqual(JSON.parse(sent.send.body).ChallengeResponses, { USERNAME: 'ann', SMS_MFA_CODE: '123456' });
  answer.free();
  assert.equal(attempt(() => core.answer('client', 'ann', 'SMS_MFA', 'sess', 'not json', false, undefined)).error.name, 'SignInException');

  const refresh = new core.Refresh('client', 'refresh-token', undefined);
  assert.equal(JSON.parse(refresh.start()).send.target, 'AWSCognitoIdentityProviderService.GetTokensFromRefreshToken');
  assert.ok(attempt(() => refresh.onReply(400, undefined, undefined, '{"__type":"NotAuthorizedException"}')).error);
  refresh.free();

  assert.equal(core.replyError(200, undefined, undefined, '{}'), undefined);
  assert.equal(JSON.parse(core.replyError(500, 'r', undefined, '<html>')).name, 'ServerError');
  assert.equal(core.isRetryable('ThrottlingException', 400), true);
  assert.equal(core.endsSession('NotAuthorizedException', 400), true);
  const now = Date.now();
  const access = jwt({ sub: 's-1', username: 'ann', exp: Math.floor(now / 1000) + 3600, iat: Math.floor(now / 1000), origin_jti: 'o' });
  const view = JSON.parse(core.sessionView('ann', access, undefined, 'rt', '0', undefined, now));
  assert.equal(view.sub, 's-1');
  const writes = JSON.parse(core.sessionWrites('client', 'ann', access, undefined, 'rt', undefined, '{"loginId":"ann"}', now));
  assert.equal(writes.writes.at(-1)[0], 'CognitoIdentityServiceProvider.client.LastAuthUser');
  assert.equal(JSON.parse(core.clearKeys('client', 'ann')).length, 7);
  assert.equal(JSON.parse(core.signOutRequest('client', false, access, 'rt')).target, 'AWSCognitoIdentityProviderService.RevokeToken');
  assert.match(core.userAgent(), /^cognito-wasm\//);

  assert.deepEqual(missed().filter((n) => !n.startsWith('cw_') && !DEVICE_EXPORTS.includes(n)), [], 'exports no binding reaches');
});

test('the steps module: every export reached through steps.js, with its exact arguments', async () => {
  const { wrapped, missed } = await checkedModule('cognito_wasm_steps_inline.js');
  const { bindSteps } = await load('steps.js');
  const steps = bindSteps(wrapped, abi);
  const r = JSON.parse(steps.answerResponses('NEW_PASSWORD_REQUIRED', 'ann', 'n3w-Pass!', '{"name":"Ann"}'));
  assert.deepEqual(r, { what: 'NEW_PASSWORD_REQUIRED', responses: { USERNAME: 'ann', 'userAttributes.name': 'Ann', NEW_PASSWORD: 'n3w-Pass!' }, withDevice: false });
  assert.equal(JSON.parse(steps.answerResponses('PASSWORD', 'ann', 'pw', undefined)).what, 'SELECT_CHALLENGE');
  assert.equal(attempt(() => steps.answerResponses('NOT_A_CHALLENGE', 'ann', 'x', undefined)).error.name, 'SignInException');
  const step = JSON.parse(steps.challengeStep('{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"s","ChallengeParameters":{}}'));
  assert.deepEqual(step.nextStep, { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' });
  assert.equal(steps.setupAnswer('TOTP'), 1);
  assert.deepEqual(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'NEW_PASSWORD_REQUIRED', 'WEB_AUTHN', 'DEVICE_SRP_AUTH'].map(steps.challengeRuns), [true, true, true, false, false]);
  assert.equal(JSON.parse(steps.associateRequest('s')).target, 'AWSCognitoIdentityProviderService.AssociateSoftwareToken');
  assert.equal(JSON.parse(steps.associateReply('{"SecretCode":"ABC"}')).sharedSecret, 'ABC');
  assert.equal(JSON.parse(steps.verifyRequest('123456', 's', undefined)).target, 'AWSCognitoIdentityProviderService.VerifySoftwareToken');
  assert.equal(steps.sessionOf('{"Session":"s2"}'), 's2');
  assert.equal(JSON.parse(steps.signUpRequest('client', 'ann', 'pw', '{"email":"a@e.com"}', undefined, undefined)).target, 'AWSCognitoIdentityProviderService.SignUp');
  assert.equal(JSON.parse(steps.confirmSignUpRequest('client', 'ann', '123456', undefined, true, undefined)).target, 'AWSCognitoIdentityProviderService.ConfirmSignUp');
  assert.equal(JSON.parse(steps.resendCodeRequest('client', 'ann', undefined)).target, 'AWSCognitoIdentityProviderService.ResendConfirmationCode');
  assert.equal(JSON.parse(steps.signUpReply('{"UserSub":"s","UserConfirmed":true}')).confirmed, true);
  assert.deepEqual(missed().filter((n) => !n.startsWith('cw_')), [], 'exports no binding reaches');
});

test('remembered devices on the core: a new device\'s verifier (device.js), a remembered device\'s own SRP on the same sign-in; byte for byte amazon-cognito-identity-js (tests/vectors/device-srp.json)', async () => {
  const { wrapped, missed } = await checkedModule('cognito_wasm_v2_inline.js');
  const { bind } = await load('core-v2.js');
  const { deviceCalls } = await load('device.js');
  const core = bind(wrapped);
  const vectors = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'vectors', 'device-srp.json'), 'utf8'));
  const hex = (h) => Uint8Array.from(Buffer.from(h, 'hex'));
  for (const v of vectors) {
    const { inputs, deviceSignIn: signIn, confirmDevice: confirm } = v;
    const sent = [];
    const kept = new Map();
    const c = { userPoolClientId: inputs.clientId };
    const key = (cfg, user, n) => `CognitoIdentityServiceProvider.${cfg.userPoolClientId}.${user}.${n}`;
    // A new device: the verifier of its fresh password (the bytes the library drew), then its three keys kept.
    const drawn = hex(confirm.random.randomPasswordBytes + confirm.random.saltBytes);
    const devices = deviceCalls({
      core,
      random: () => drawn,
      call: async (_c, request) => void sent.push(JSON.parse(request)),
      store: async (_m, k, value) => void kept.set(k, value),
      key,
      DEVICE_KEYS: ['deviceKey', 'deviceGroupKey', 'randomPasswordKey'],
      userAgent: () => inputs.navigatorUserAgent,
    });
    const confirmBody = confirm.requests.find((r) => r.op === 'ConfirmDevice').body;
    await devices.confirm(c, { username: inputs.userIdForSrp, tokens: { accessToken: confirmBody.AccessToken }, newDevice: { deviceKey: inputs.deviceKey, deviceGroupKey: inputs.deviceGroupKey } });
    assert.equal(sent[0].target, 'AWSCognitoIdentityProviderService.ConfirmDevice', v.name);
    assert.deepEqual(JSON.parse(sent[0].body), confirmBody, v.name);
    assert.deepEqual(Object.fromEntries(kept), confirm.outputs.storedDeviceKeys, v.name);
    assert.ok(drawn.every((b) => b === 0), 'the drawn bytes are wiped');

    // The remembered device proves itself on the sign-in that stopped at DEVICE_SRP_AUTH
    // (here an MFA answer): DEVICE_SRP_AUTH with its A, then the proof at the device lookup.
    const device = [inputs.deviceKey, inputs.deviceGroupKey, kept.get(key(c, inputs.userIdForSrp, 'randomPasswordKey'))];
    const run = () => {
      const flow = core.answer(inputs.clientId, inputs.userIdForSrp, 'SMS_MFA', 's0', '{"SMS_MFA_CODE":"123456"}', false, undefined);
      flow.start();
      assert.deepEqual(JSON.parse(flow.onReply(200, undefined, undefined, JSON.stringify(signIn.serverResponses.PasswordVerifier))), { challenge: 'DEVICE_SRP_AUTH' });
      flow.device(device, hex(signIn.random.deviceARandomHex));
      return flow;
    };
    const flow = run();
    const [, , srpAuth, verifier] = signIn.requests;
    assert.deepEqual(JSON.parse(JSON.parse(flow.start()).send.body), srpAuth.body, v.name);
    assert.deepEqual(JSON.parse(flow.onReply(200, undefined, undefined, JSON.stringify(signIn.serverResponses.DeviceSrpAuth))), { loadDevice: inputs.userIdForSrp });
    const proof = JSON.parse(flow.withDevice(inputs.deviceKey, signIn.clockEpochMs));
    // USERNAME: the challenge's when it names one, as Amplify v6 (identity-js sends its
    // own; the signature does not involve it).
    const username = signIn.serverResponses.DeviceSrpAuth.ChallengeParameters.USERNAME ?? verifier.body.ChallengeResponses.USERNAME;
    const expected = { ...verifier.body, ChallengeResponses: { ...verifier.body.ChallengeResponses, USERNAME: username } };
    assert.deepEqual(JSON.parse(proof.send.body), expected, v.name);
    const done = JSON.parse(flow.onReply(200, undefined, undefined, JSON.stringify(signIn.serverResponses.DevicePasswordVerifier))).done;
    assert.equal(done.tokens.refreshToken, signIn.serverResponses.DevicePasswordVerifier.AuthenticationResult.RefreshToken);
    flow.free();

    // A confused or hostile reply, or a device without its password: refused.
    const again = run();
    again.start();
    assert.equal(attempt(() => again.onReply(200, undefined, undefined, '{"ChallengeName":"SMS_MFA","ChallengeParameters":{}}')).error.name, 'UnexpectedServerResponseException');
    again.free();
    const partial = core.answer(inputs.clientId, inputs.userIdForSrp, 'SMS_MFA', 's0', '{}', false, undefined);
    partial.start();
    partial.onReply(200, undefined, undefined, JSON.stringify(signIn.serverResponses.PasswordVerifier));
    assert.equal(attempt(() => partial.device([inputs.deviceKey, inputs.deviceGroupKey, ''], hex(signIn.random.deviceARandomHex))).error.name, 'DeviceMetadataNotFoundException');
    partial.free();
  }
  assert.deepEqual(missed().filter((n) => DEVICE_EXPORTS.includes(n)), [], 'device exports of the core not reached');
});

test('the account module: every export reached through account.js, with its exact arguments', async () => {
  const { wrapped, missed } = await checkedModule('cognito_wasm_account_inline.js');
  const { bindAccount } = await load('account.js');
  const account = bindAccount(wrapped, abi);
  assert.equal(account.needsSession(0), false); // resetPassword
  const req = JSON.parse(account.request(0, 'client', undefined, undefined, '{"username":"ann"}'));
  assert.equal(req.target, 'AWSCognitoIdentityProviderService.ForgotPassword');
  const out = JSON.parse(account.result(0, '{}', undefined, 'ann', '{"CodeDeliveryDetails":{"DeliveryMedium":"EMAIL"}}'));
  assert.equal(out.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  assert.equal(attempt(() => account.request(16, 'client', 'access', undefined, '{}')).error.name, 'DeviceMetadataNotFoundException');
  assert.deepEqual(missed().filter((n) => !n.startsWith('cw_')), [], 'exports no binding reaches');
});

test('the oauth module: every export reached through oauth.js, with its exact arguments', async () => {
  const { wrapped, missed } = await checkedModule('cognito_wasm_oauth_inline.js');
  const { bindOAuth } = await load('oauth.js');
  const m = bindOAuth(wrapped, abi);
  const cfg = JSON.stringify({ domain: 'auth.example.com', scopes: ['openid'], redirectSignIn: ['https://app.example/cb'], redirectSignOut: ['https://app.example/'], responseType: 'code' });
  const random = new Uint8Array(160).map((_, i) => i);
  const a = JSON.parse(m.authorize(cfg, 'client', 'https://app.example/cb', 'Google', undefined, 'mine', 'ann', 'en', 'n', undefined, random));
  const q = new URL(a.url).searchParams;
  assert.deepEqual([q.get('identity_provider'), q.get('login_hint'), q.get('lang'), q.get('nonce'), q.get('state')], ['Google', 'ann', 'en', 'n', a.state]);
  assert.equal(a.verifier.length, 128);
  const back = JSON.parse(m.callback(cfg, 'client', `https://app.example/cb?code=abc&state=${a.state}`, a.state, a.verifier));
  assert.equal(back.exchange.url, 'https://auth.example.com/oauth2/token');
  assert.equal(new URLSearchParams(back.exchange.body).get('code_verifier'), a.verifier);
  assert.deepEqual([back.redirectUri, back.customState], ['https://app.example/cb', 'mine']);
  assert.equal(JSON.parse(m.tokenReply(200, '{"access_token":"e30.eyJ1c2VybmFtZSI6ImFubiJ9.c2ln"}')).username, 'ann');
  assert.equal(attempt(() => m.tokenReply(400, '{"error":"invalid_grant"}')).error.name, 'OAuthSignInException');
  assert.equal(m.cleaned(cfg, 'client', 'https://app.example/cb?code=abc&x=1'), 'https://app.example/cb?x=1');
  assert.equal(m.cleaned(cfg, 'client', 'https://app.example/cb'), undefined);
  assert.match(m.logout(cfg, 'client', 'https://app.example/cb'), /^https:\/\/auth\.example\.com\/logout\?client_id=client&logout_uri=/);
  assert.equal(attempt(() => m.logout(cfg, 'client', 'https://other.example/')).error.name, 'InvalidRedirectException');
  assert.deepEqual(missed().filter((n) => !n.startsWith('cw_')), [], 'exports no binding reaches');
});

test('the identity module: every export reached through identity.js, with its exact arguments', async () => {
  const { wrapped, missed } = await checkedModule('cognito_wasm_identity_inline.js');
  const { bindIdentity } = await load('identity.js');
  const m = bindIdentity(wrapped, abi);
  const logins = m.logins('us-east-1_Pool', 'id-token', false);
  assert.deepEqual(JSON.parse(logins), { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Pool': 'id-token' });
  assert.equal(m.logins('us-east-1_Pool', undefined, true), undefined);
  assert.equal(attempt(() => m.logins('us-east-1_Pool', undefined, false)).error.name, 'NoIdTokenException');
  assert.equal(JSON.parse(m.getId('us-east-1:p', logins)).target, 'AWSCognitoIdentityService.GetId');
  assert.equal(m.getIdReply('{"IdentityId":"us-east-1:i"}'), 'us-east-1:i');
  assert.equal(JSON.parse(JSON.parse(m.credentials('us-east-1:i', undefined)).body).IdentityId, 'us-east-1:i');
  const c = JSON.parse(m.credentialsReply('{"Credentials":{"AccessKeyId":"A","SecretKey":"S","SessionToken":"T","Expiration":2}}', 'us-east-1:i', 0));
  assert.deepEqual(c, { identityId: 'us-east-1:i', credentials: { accessKeyId: 'A', secretAccessKey: 'S', sessionToken: 'T', expiration: 2000 } });
  assert.deepEqual(missed().filter((n) => !n.startsWith('cw_')), [], 'exports no binding reaches');
});
