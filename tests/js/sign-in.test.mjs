// Sign-in, sign-out and sign-up rules on the package itself in Node, with a scripted
// Cognito whose replies are shaped as AWS documents them (these paths need a server
// that misbehaves, or a challenge the local Cognito does not send).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { app, P, now, access, id } from '../support/stub-app.mjs';

const tokens = (n = 1) => ({ AuthenticationResult: { AccessToken: access(n, now() + 3600), IdToken: id(now() + 3600), RefreshToken: `refresh-${n}`, ExpiresIn: 3600, TokenType: 'Bearer' } });
const PASSWORD_FLOW = { authFlowType: 'USER_PASSWORD_AUTH' };
const signIn = (api) => api.signIn({ username: 'ann', password: 'Passw0rd!', options: PASSWORD_FLOW });
const challenge = (name, parameters = {}) => ({ ChallengeName: name, Session: 'sess-1', ChallengeParameters: { USERNAME: 'ann', ...parameters } });
const SIGN_IN_STATE_LOST = 'SignInException';

test('a store that fails while the session is written leaves no half-written session, and the new refresh token is revoked', async () => {
  const { api, mem, sent } = await app(async (op) => (op === 'InitiateAuth' ? [200, tokens()] : [200, {}]), { failWrites: (k) => k.endsWith('.refreshToken') });
  await assert.rejects(signIn(api), (e) => e.name === 'StorageException');
  assert.deepEqual([...mem.keys()].filter((k) => k.startsWith(P)), []);
  const revoke = sent.find((s) => s.op === 'RevokeToken');
  assert.equal(revoke?.body.Token, 'refresh-1', sent.map((s) => s.op).join());
  assert.equal((await api.fetchAuthSession()).tokens, undefined);
});

test('sign-out clears the session (not the device) even when revocation fails; the failure is reported as a warning', async () => {
  const warned = [];
  const warn = console.warn;
  console.warn = (m) => warned.push(String(m));
  try {
    let revokes = 0;
    const { api, mem, events } = await app(async (op) => {
      if (op === 'InitiateAuth') return [200, tokens()];
      revokes++;
      return [503, {}, { 'x-amzn-requestid': 'req-9' }];
    });
    await signIn(api);
    mem.set(`${P}.ann.deviceKey`, 'dk');
    await api.signOut();
    assert.equal(revokes, 3, 'a server error is retried, three attempts in all');
    assert.deepEqual([...mem.keys()], [`${P}.ann.deviceKey`]);
    assert.deepEqual(events, ['signedIn', 'signedOut']);
    assert.equal(warned.length, 1);
    assert.match(warned[0], /signed out locally, but the server did not revoke the session \(ServerError: /);
  } finally {
    console.warn = warn;
  }
});

test('a refresh on a server without GetTokensFromRefreshToken falls back to InitiateAuth REFRESH_TOKEN_AUTH', async () => {
  const { api, mem, sent } = await app(async (op, body) => {
    if (op === 'GetTokensFromRefreshToken') return [400, { __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' }];
    if (body.AuthFlow === 'REFRESH_TOKEN_AUTH') return [200, { AuthenticationResult: { AccessToken: access(2, now() + 3600), IdToken: id(now() + 3600), ExpiresIn: 3600 } }];
    return [200, tokens()];
  });
  await signIn(api);
  const r = await api.fetchAuthSession({ forceRefresh: true });
  assert.equal(r.tokens.accessToken.payload.origin_jti, 'o-2');
  assert.deepEqual(sent.map((s) => s.op), ['InitiateAuth', 'GetTokensFromRefreshToken', 'InitiateAuth']);
  assert.deepEqual(sent[2].body.AuthParameters, { REFRESH_TOKEN: 'refresh-1' });
  assert.equal(mem.get(`${P}.ann.refreshToken`), 'refresh-1', 'no new refresh token: the old one stays');
});

test('a challenge no module runs is a SignInException naming it, and nothing waits for confirmSignIn', async () => {
  const { api } = await app(async () => [200, challenge('SOMETHING_NEW')]);
  await assert.rejects(signIn(api), (e) => e.name === 'SignInException' && e.message === 'An error occurred during the sign in process. SOMETHING_NEW challengeName returned by the underlying service was not addressed.' && e.recoverySuggestion === 'This challenge is not supported by cognito-wasm.');
  await assert.rejects(api.confirmSignIn({ challengeResponse: '123456' }), (e) => e.name === SIGN_IN_STATE_LOST);
});

test('a device SRP challenge with no device kept here is DeviceMetadataNotFoundException', async () => {
  const { api } = await app(async () => [200, challenge('DEVICE_SRP_AUTH')]);
  await assert.rejects(
    signIn(api),
    (e) =>
      e.name === 'DeviceMetadataNotFoundException' &&
      e.message === 'Either deviceKey, deviceGroupKey or secretPassword were not found during the sign-in process.' &&
      e.recoverySuggestion === 'Make sure to not clear storage after calling the signIn API.',
  );
});

test('MFA set-up with no type this library sets up is a SignInException listing what was offered', async () => {
  const { api } = await app(async () => [200, challenge('MFA_SETUP', { MFAS_CAN_SETUP: '["SMS_MFA"]' })]);
  await assert.rejects(signIn(api), (e) => e.name === 'SignInException' && e.message === 'Cannot initiate MFA setup from available types: SMS_MFA');
});

test('PasswordResetRequiredException at sign-in is the RESET_PASSWORD step, as Amplify', async () => {
  const { api } = await app(async () => [400, { __type: 'PasswordResetRequiredException', message: 'Password reset required for the user' }]);
  assert.deepEqual(await signIn(api), { isSignedIn: false, nextStep: { signInStep: 'RESET_PASSWORD' } });
});

test('a waiting challenge expires after 3 minutes, and a new configuration drops it', async () => {
  const realNow = Date.now;
  try {
    for (const lose of ['time', 'configure']) {
      const { api, sent } = await app(async (op) => (op === 'InitiateAuth' ? [200, challenge('SMS_MFA', { CODE_DELIVERY_DESTINATION: '+***1', CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' })] : [200, tokens()]));
      const r = await signIn(api);
      assert.equal(r.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
      if (lose === 'time') {
        const t = realNow();
        Date.now = () => t + 181_000;
      } else {
        api.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_Other', userPoolClientId: 'client' } } });
      }
      await assert.rejects(api.confirmSignIn({ challengeResponse: '123456' }), (e) => e.name === SIGN_IN_STATE_LOST, lose);
      assert.deepEqual(sent.map((s) => s.op), ['InitiateAuth'], `${lose}: nothing sent`);
      Date.now = realNow;
    }
  } finally {
    Date.now = realNow;
  }
});

test("confirming another user's sign-up ends a pending autoSignIn, and sends no session of the first", async () => {
  const { api, sent } = await app(async (op) => {
    if (op === 'SignUp') return [200, { UserSub: 's-1', UserConfirmed: false, Session: 'signup-sess', CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'a***', AttributeName: 'email' } }];
    return [200, {}];
  });
  await api.signUp({ username: 'ann', password: 'Passw0rd!', options: { autoSignIn: true } });
  const r = await api.confirmSignUp({ username: 'bob', confirmationCode: '123456' });
  assert.deepEqual(r, { isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });
  assert.equal(sent.at(-1).body.Session, undefined);
  await assert.rejects(api.autoSignIn(), (e) => e.name === 'AutoSignInException');
});

test('after a challenge no module runs, the challenge answered before is not answered again (nor from the tab)', async () => {
  const tab = new Map();
  globalThis.sessionStorage = { getItem: (k) => tab.get(k) ?? null, setItem: (k, v) => void tab.set(k, String(v)), removeItem: (k) => void tab.delete(k) };
  try {
    let n = 0;
    const { api, sent } = await app(async () => [200, n++ === 0 ? challenge('SMS_MFA', { CODE_DELIVERY_DESTINATION: '+***1', CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS' }) : challenge('FOO_CHALLENGE')]);
    assert.equal((await signIn(api)).nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_SMS_CODE');
    await assert.rejects(api.confirmSignIn({ challengeResponse: '123456' }), (e) => e.name === 'SignInException' && /FOO_CHALLENGE/.test(e.message));
    const before = sent.length;
    await assert.rejects(api.confirmSignIn({ challengeResponse: '123456' }), (e) => e.name === SIGN_IN_STATE_LOST && !/FOO/.test(e.message));
    assert.equal(sent.length, before, 'nothing sent with the used session');
    assert.deepEqual([...tab.keys()].filter((k) => k.startsWith('CognitoSignInState')), []);
  } finally {
    delete globalThis.sessionStorage;
  }
});
