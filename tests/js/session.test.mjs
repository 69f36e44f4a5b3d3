// The session rules a user feels when the network or the server misbehaves, on the
// package itself in Node (no Web Locks here, so only the driver's own rules apply)
// with a scripted Cognito: refresh-token rotation under concurrent calls, a sign-out
// during a refresh, refusals that end the session and failures that keep it, the
// offline user, and where requests go. Replies are shaped as AWS documents them.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { app, P, now, jwt, access, id, later } from '../support/stub-app.mjs';

/** `ann` signed in with an access token that has expired, and a remembered device. */
function expiredSession(mem, refreshToken = 'refresh-1') {
  mem.set(`${P}.LastAuthUser`, 'ann');
  mem.set(`${P}.ann.accessToken`, access(0, now() - 60));
  mem.set(`${P}.ann.idToken`, id(now() - 60));
  mem.set(`${P}.ann.refreshToken`, refreshToken);
  mem.set(`${P}.ann.clockDrift`, '0');
  for (const k of ['deviceKey', 'deviceGroupKey', 'randomPasswordKey']) mem.set(`${P}.ann.${k}`, `${k}-value`);
}
const refreshOps = ['GetTokensFromRefreshToken', 'InitiateAuth'];
const tokensOf = (body) => body.RefreshToken ?? body.AuthParameters?.REFRESH_TOKEN;
const sessionKeys = (mem) => [...mem.keys()].filter((k) => /\.(accessToken|idToken|refreshToken|LastAuthUser)$/.test(k));

test('concurrent calls on an expired session refresh once; the rotated refresh token replaces the stored one', async () => {
  // A server that rotates: each refresh token works once (as Cognito's rotation does).
  const used = new Set();
  let n = 0;
  const { api, mem, sent, events } = await app(async (op, body) => {
    const rt = tokensOf(body);
    if (used.has(rt)) return [400, { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }];
    used.add(rt);
    await later(30); // the second call arrives while the first refresh is in flight
    n++;
    return [200, { AuthenticationResult: { AccessToken: access(n, now() + 3600), IdToken: id(now() + 3600), RefreshToken: `refresh-${n + 1}`, ExpiresIn: 3600, TokenType: 'Bearer' } }];
  });
  expiredSession(mem);
  const [a, b, c] = await Promise.all([api.fetchAuthSession(), api.fetchAuthSession(), api.getCurrentUser()]);
  assert.equal(sent.filter((s) => refreshOps.includes(s.op)).length, 1, sent.map((s) => s.op).join());
  assert.equal(a.tokens.accessToken.payload.origin_jti, 'o-1');
  assert.equal(b.tokens.accessToken.toString(), a.tokens.accessToken.toString());
  assert.equal(c.username, 'ann');
  assert.equal(mem.get(`${P}.ann.refreshToken`), 'refresh-2', 'the rotated token is kept');
  assert.equal(sent[0].body.DeviceKey ?? sent[0].body.AuthParameters?.DEVICE_KEY, 'deviceKey-value', 'the device goes with the refresh');
  assert.deepEqual(events, ['tokenRefresh']);
  // And the next forced refresh uses the new one.
  const d = await api.fetchAuthSession({ forceRefresh: true });
  assert.equal(d.tokens.accessToken.payload.origin_jti, 'o-2');
  assert.equal(tokensOf(sent.at(-1).body), 'refresh-2');
});

test('a sign-out while a refresh is in flight stays signed out when the refresh answers', async () => {
  let release;
  const gate = new Promise((r) => (release = r));
  const { api, mem } = await app(async (op) => {
    if (refreshOps.includes(op)) {
      await gate;
      return [200, { AuthenticationResult: { AccessToken: access(1, now() + 3600), IdToken: id(now() + 3600), ExpiresIn: 3600, TokenType: 'Bearer' } }];
    }
    return [200, {}]; // RevokeToken
  });
  expiredSession(mem);
  const refreshing = api.fetchAuthSession();
  await later(20);
  await api.signOut();
  release();
  const r = await refreshing;
  assert.equal(r.tokens, undefined);
  assert.deepEqual(sessionKeys(mem), [], 'nothing written back');
  assert.equal((await api.fetchAuthSession()).tokens, undefined);
});

test('a refresh refused for good (NotAuthorizedException) signs out, keeps the device and says tokenRefresh_failure', async () => {
  const { api, mem, events } = await app(async () => [400, { __type: 'NotAuthorizedException', message: 'Refresh Token has expired' }]);
  expiredSession(mem);
  const r = await api.fetchAuthSession();
  assert.equal(r.tokens, undefined);
  assert.deepEqual(sessionKeys(mem), []);
  assert.equal(mem.get(`${P}.ann.deviceKey`), 'deviceKey-value', 'the remembered device survives');
  assert.deepEqual(events, ['tokenRefresh_failure']);
});

test('failures that may pass (throttling, a server error, a garbled reply) are reported and keep the stored session', async () => {
  for (const [name, answer] of [
    ['ThrottlingException', () => [400, {}, { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/' }]],
    ['ServerError', () => [503, {}]],
    ['UnexpectedServerResponseException', () => [200, { AuthenticationResult: { AccessToken: 'not-a-jwt', ExpiresIn: 3600 } }]],
  ]) {
    const { api, mem } = await app(async () => answer());
    expiredSession(mem);
    const before = new Map(mem);
    await assert.rejects(api.fetchAuthSession(), (e) => e.name === name && !JSON.stringify(e).includes('refresh-1'), name);
    assert.deepEqual(mem, before, `${name}: the session is kept as it was`);
  }
});

test('offline with expired tokens, getCurrentUser is still the stored user; fetchAuthSession says why it has no tokens', async () => {
  const { api, mem } = await app(async () => new TypeError('fetch failed'));
  expiredSession(mem);
  assert.deepEqual(await api.getCurrentUser(), { username: 'ann', userId: 's-1' });
  await assert.rejects(api.fetchAuthSession(), (e) => e.name === 'NetworkError');
  assert.equal(mem.get(`${P}.ann.refreshToken`), 'refresh-1');
});

test('requests go to the regional endpoint (amazonaws.com.cn in China) with the protocol headers', async () => {
  for (const [pool, url] of [
    ['eu-west-2_Xyz', 'https://cognito-idp.eu-west-2.amazonaws.com/'],
    ['cn-north-1_Xyz', 'https://cognito-idp.cn-north-1.amazonaws.com.cn/'],
  ]) {
    const { api, sent } = await app(async () => [400, { __type: 'UserNotFoundException', message: 'User does not exist.' }], { userPoolId: pool });
    await assert.rejects(api.resetPassword({ username: 'ann' }), (e) => e.name === 'UserNotFoundException');
    assert.equal(sent.length, 1);
    const { url: to, headers, op } = sent[0];
    assert.equal(to, url);
    assert.equal(op, 'ForgotPassword');
    assert.equal(headers['x-amz-target'], 'AWSCognitoIdentityProviderService.ForgotPassword');
    assert.equal(headers['content-type'], 'application/x-amz-json-1.1');
    assert.equal(headers['cache-control'], 'no-store');
    assert.match(headers['x-amz-user-agent'], /^cognito-wasm\//);
  }
});

test("a guest's identity pool requests go to the pool's regional endpoint (amazonaws.com.cn in China)", async () => {
  for (const [identityPoolId, url] of [
    ['eu-west-2:6f1d2c3b-0000-4000-8000-000000000001', 'https://cognito-identity.eu-west-2.amazonaws.com/'],
    ['cn-north-1:6f1d2c3b-0000-4000-8000-000000000001', 'https://cognito-identity.cn-north-1.amazonaws.com.cn/'],
  ]) {
    const { api, sent } = await app(async () => [400, { __type: 'ResourceNotFoundException', message: 'IdentityPool not found.' }], {
      cognito: { identityPoolId, allowGuestAccess: true },
    });
    await assert.rejects(api.fetchAuthSession(), (e) => e.name === 'ResourceNotFoundException');
    assert.equal(sent.length, 1);
    assert.equal(sent[0].url, url);
    assert.equal(sent[0].op, 'GetId');
    assert.equal(sent[0].body.IdentityPoolId, identityPoolId);
  }
});

test('offline, calls made together on an expired session each get the real failure: the stored user, or NetworkError', async () => {
  const { api, mem } = await app(async () => new TypeError('fetch failed'));
  expiredSession(mem);
  const [a, b, c] = await Promise.allSettled([api.getCurrentUser(), api.getCurrentUser(), api.fetchAuthSession()]);
  assert.equal(a.value?.username, 'ann');
  assert.equal(b.value?.username, 'ann', b.reason?.name);
  assert.equal(c.reason?.name, 'NetworkError');
  assert.equal(mem.get(`${P}.ann.refreshToken`), 'refresh-1');
});

test('signInWithRedirect: a stored session that cannot be refreshed does not stop it, whatever the input shape', async () => {
  const oauth = { domain: 'auth.example.com', scopes: ['openid'], redirectSignIn: ['https://app.example/'], redirectSignOut: ['https://app.example/'], responseType: 'code' };
  for (const input of [{ provider: 'Google' }, { provider: 'Google', extra: 1 }]) {
    const { api, mem } = await app(async () => new TypeError('fetch failed'), { cognito: { loginWith: { oauth } } });
    expiredSession(mem);
    // Node has no page to come back to: the redirect URL is what stops it, not the session.
    await assert.rejects(api.signInWithRedirect(input), (e) => e.name === 'InvalidRedirectException', JSON.stringify(input));
  }
});
