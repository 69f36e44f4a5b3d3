// The rest of the Amplify v6 Auth API, in headless Chromium against ministack with
// AUTH=true: challenges (new password, TOTP), password reset/change, attributes,
// deleteUser, token refresh, Hub, storage choices, autoSignIn, and server faults
// (through a small local HTTP server that misbehaves on purpose).
//
// Every test gets a fresh browser context (empty localStorage/sessionStorage/cookies)
// and its own users, so the tests do not depend on each other.
//
// Not covered here because ministack 1.5.33 cannot do it: MFA_SETUP during sign-in
// (a pool with MfaConfiguration ON signs an unenrolled user straight in), devices,
// USER_AUTH, VerifyUserAttribute / GetUserAttributeVerificationCode, DeleteUserAttributes.
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { runInPage } from '../support/page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let stack, server, browser, context, page, origin;
const run = Date.now().toString(36);
const PASSWORD = 'Correct-Horse-9';
const NEW_PASSWORD = 'Battery-Staple-42';
const PREFIX = 'CognitoIdentityServiceProvider.';

before(async () => {
  stack = await startStack();
  server = await startServer({ root, config: stack.config });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${origin}/tests/browser/harness.html`);
  await configure();
});

afterEach(async () => {
  await context?.close();
  context = page = undefined;
});

/** Runs `body` in the page (see tests/support/page.mjs). */
const inPage = (body, arg) => runInPage(page, body, arg);

const configure = (cfg = stack.config) => inPage(async (m, c) => m.configure(c), cfg);
const ok = (r) => {
  assert.ok(!r.error, `unexpected error: ${JSON.stringify(r.error)}`);
  return r.ok;
};
const errName = (r) => {
  assert.ok(r.error, `expected an error, got ${JSON.stringify(r.ok)}`);
  assert.equal(r.error.isAuthError, true, `not an AuthError: ${JSON.stringify(r.error)}`);
  return r.error.name;
};
const DONE = { isSignedIn: true, nextStep: { signInStep: 'DONE' } };

/** A call straight to ministack from Node (user-side ops need no signature). */
async function cognito(op, body, endpoint = stack.endpoint) {
  const r = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}
const getUserDirect = (accessToken) => cognito('GetUser', { AccessToken: accessToken });

async function signUpConfirmed(username, password = PASSWORD) {
  const r = await inPage(
    async (m, a) => {
      await m.signUp({ username: a.username, password: a.password, options: { userAttributes: { email: `${a.username}@example.com` } } });
      return m.confirmSignUp({ username: a.username, confirmationCode: '123456' });
    },
    { username, password },
  );
  assert.equal(r.ok?.isSignUpComplete, true, JSON.stringify(r));
}

const signIn = (username, password = PASSWORD) =>
  inPage(async (m, a) => m.signIn({ username: a.username, password: a.password }), { username, password });
const signOut = () => inPage(async (m) => m.signOut());
const accessToken = async () => ok(await inPage(async (m) => (await m.fetchAuthSession()).tokens?.accessToken.toString()));

/** Records the page's Hub 'auth' events in window.__hub as { event, data } (errors reduced to their name). */
const listenHub = () =>
  inPage(async (m) => {
    window.__hub = [];
    window.__unlisten = m.Hub.listen('auth', (c) => {
      const d = c.payload.data;
      window.__hub.push({ event: c.payload.event, data: d?.error ? { error: d.error.name } : d, channel: c.channel, source: c.source });
    });
  });
const hubEvents = () => page.evaluate(() => window.__hub.map((e) => e.event));

/** The token keys in one of the page's web storages. */
const keysIn = (area) =>
  page.evaluate(({ area, prefix }) => Object.keys(window[area]).filter((k) => k.startsWith(prefix)).sort(), { area, prefix: PREFIX });
const snapshot = (area) =>
  page.evaluate(({ area, prefix }) => Object.fromEntries(Object.entries(window[area]).filter(([k]) => k.startsWith(prefix))), { area, prefix: PREFIX });

// ---- RFC 6238 TOTP (HMAC-SHA1, 30 s, 6 digits, base32 secret) ----

function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of s.replace(/=+$/, '').toUpperCase()) {
    const i = alphabet.indexOf(c);
    if (i < 0) throw new Error(`not base32: ${c}`);
    value = ((value << 5) | i) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

function totp(secret, timeMs = Date.now(), stepOffset = 0, digits = 6) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 30000) + stepOffset));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(off) & 0x7fffffff) % 10 ** digits;
  return String(n).padStart(digits, '0');
}

/** The current code, waiting for the next 30 s step if fewer than 3 s are left in this one. */
async function currentTotp(secret) {
  const left = 30000 - (Date.now() % 30000);
  if (left < 3000) await sleep(left + 100);
  return totp(secret);
}

/** A 6-digit code that no step near now accepts. */
function wrongTotp(secret) {
  const near = new Set([-2, -1, 0, 1, 2].map((o) => totp(secret, Date.now(), o)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!near.has(c)) return c;
  }
}

// ---- 1, 2: NEW_PASSWORD_REQUIRED ----

test('NEW_PASSWORD_REQUIRED: temporary password → new password → DONE, then the new password signs in', async () => {
  const username = `temp${run}`;
  const { config } = stack.addPool({ tempUsers: [`${username}:Temp-Pass-123:${username}@example.com`] });
  await configure(config);
  await listenHub();

  const first = await signIn(username, 'Temp-Pass-123');
  assert.deepEqual(ok(first), {
    isSignedIn: false,
    nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: [] },
  });
  assert.deepEqual(await keysIn('localStorage'), [], 'no tokens before the challenge is answered');

  const done = await inPage(async (m, p) => m.confirmSignIn({ challengeResponse: p }), NEW_PASSWORD);
  assert.deepEqual(ok(done), DONE);
  const user = ok(await inPage(async (m) => m.getCurrentUser()));
  assert.equal(user.username, username);
  assert.deepEqual(user.signInDetails, { loginId: username, authFlowType: 'USER_SRP_AUTH' });
  assert.equal((await getUserDirect(await accessToken())).body.UserStatus, 'CONFIRMED');
  assert.deepEqual(await hubEvents(), ['signedIn']);
  assert.deepEqual(await keysIn('sessionStorage'), [], 'nothing of the sign-in left per tab');
  assert.deepEqual(
    await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('CognitoSignInState.'))),
    [],
    'the pending challenge is cleared',
  );

  ok(await signOut());
  assert.equal(errName(await signIn(username, 'Temp-Pass-123')), 'NotAuthorizedException', 'the temporary password is gone');
  assert.deepEqual(ok(await signIn(username, NEW_PASSWORD)), DONE);
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
});

test('a pending challenge survives a reload; confirmSignIn with nothing pending is a SignInException', async () => {
  const username = `reload${run}`;
  const { config } = stack.addPool({ tempUsers: [`${username}:Temp-Pass-123:${username}@example.com`] });
  await configure(config);

  const nothing = await inPage(async (m) => m.confirmSignIn({ challengeResponse: 'whatever' }));
  assert.equal(errName(nothing), 'SignInException');
  assert.ok(nothing.error.recoverySuggestion);

  const first = await signIn(username, 'Temp-Pass-123');
  assert.equal(ok(first).nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');

  await page.reload(); // a new module instance: only the tab's sessionStorage knows the challenge
  await configure(config);
  await configure(structuredClone(config)); // the same config again (StrictMode, HMR) changes nothing
  const done = await inPage(async (m, p) => m.confirmSignIn({ challengeResponse: p }), NEW_PASSWORD);
  assert.deepEqual(ok(done), DONE);
  const user = ok(await inPage(async (m) => m.getCurrentUser()));
  assert.equal(user.username, username);
  assert.equal(user.signInDetails?.loginId, username);

  const again = await inPage(async (m) => m.confirmSignIn({ challengeResponse: 'Another-Pass-1' }));
  assert.equal(errName(again), 'SignInException', 'the challenge was used up');
});

// ---- 3: TOTP ----

test('TOTP: set up, verify, prefer; sign-in asks for the code, a wrong code is refused, the right one signs in', async () => {
  // The helper against RFC 6238 appendix B (SHA-1 secret "12345678901234567890").
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  assert.equal(totp(rfcSecret, 59_000, 0, 8), '94287082');
  assert.equal(totp(rfcSecret, 1111111109_000, 0, 8), '07081804');

  const { config } = stack.addPool({ mfa: 'OPTIONAL' });
  await configure(config);
  const username = `totp${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);

  const setup = ok(
    await inPage(async (m) => {
      const d = await m.setUpTOTP();
      return {
        sharedSecret: d.sharedSecret,
        uri: d.getSetupUri('MyApp').toString(),
        uriFor: d.getSetupUri('MyApp', 'bob@example.com').href,
        hostile: d.getSetupUri('My&secret=X:Co', 'ann#1?x').href,
      };
    }),
  );
  assert.match(setup.sharedSecret, /^[A-Z2-7]+=*$/, 'a base32 secret');
  assert.ok(setup.uri.startsWith('otpauth://totp/MyApp:'), setup.uri);
  const uri = new URL(setup.uri);
  assert.equal(decodeURIComponent(uri.pathname.replace(/^\/+/, '')), `MyApp:${username}`);
  assert.equal(uri.searchParams.get('secret'), setup.sharedSecret);
  assert.equal(uri.searchParams.get('issuer'), 'MyApp');
  assert.ok(setup.uriFor.startsWith('otpauth://totp/MyApp:bob@example.com'), setup.uriFor);
  // Issuer and account name are encoded: '#', '?', '&' cannot cut the URI or add a secret.
  const hostile = new URL(setup.hostile);
  assert.equal(decodeURIComponent(hostile.pathname.replace(/^\/+/, '')), 'My&secret=X:Co:ann#1?x', setup.hostile);
  assert.deepEqual(hostile.searchParams.getAll('secret'), [setup.sharedSecret], setup.hostile);
  assert.equal(hostile.searchParams.get('issuer'), 'My&secret=X:Co');
  assert.equal(hostile.hash, '');

  const badSetup = await inPage(async (m, c) => m.verifyTOTPSetup({ code: c }), wrongTotp(setup.sharedSecret));
  assert.ok(['EnableSoftwareTokenMFAException', 'CodeMismatchException'].includes(errName(badSetup)), badSetup.error.name);

  const verified = await inPage(async (m, c) => m.verifyTOTPSetup({ code: c }), await currentTotp(setup.sharedSecret));
  assert.equal(ok(verified), undefined);
  assert.equal(ok(await inPage(async (m) => m.updateMFAPreference({ totp: 'PREFERRED' }))), undefined);
  assert.deepEqual(ok(await inPage(async (m) => m.fetchMFAPreference())), { preferred: 'TOTP', enabled: ['TOTP'] });

  ok(await signOut());
  const challenged = await signIn(username);
  assert.deepEqual(ok(challenged), { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' } });

  const wrong = await inPage(async (m, c) => m.confirmSignIn({ challengeResponse: c }), wrongTotp(setup.sharedSecret));
  assert.equal(errName(wrong), 'CodeMismatchException');
  assert.equal(ok(await inPage(async (m) => (await m.fetchAuthSession()).tokens)), undefined, 'still signed out');

  const right = await inPage(async (m, c) => m.confirmSignIn({ challengeResponse: c }), await currentTotp(setup.sharedSecret));
  assert.deepEqual(ok(right), DONE, 'the challenge stayed open after the wrong code');
  const user = ok(await inPage(async (m) => m.getCurrentUser()));
  assert.equal(user.username, username);
  assert.equal((await getUserDirect(await accessToken())).status, 200);
});

// ---- 5, 6: passwords ----

test('resetPassword → code → wrong code refused → 654321 sets the new password', async () => {
  const username = `reset${run}`;
  await signUpConfirmed(username);

  const r = ok(await inPage(async (m, u) => m.resetPassword({ username: u }), username));
  assert.equal(r.isPasswordReset, false);
  assert.equal(r.nextStep.resetPasswordStep, 'CONFIRM_RESET_PASSWORD_WITH_CODE');
  assert.equal(r.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  assert.equal(r.nextStep.codeDeliveryDetails.attributeName, 'email');
  assert.equal(typeof r.nextStep.codeDeliveryDetails.destination, 'string');
  assert.ok(r.nextStep.codeDeliveryDetails.destination.length > 0);

  const confirm = (code) =>
    inPage(async (m, a) => m.confirmResetPassword({ username: a.u, newPassword: a.p, confirmationCode: a.c }), { u: username, p: NEW_PASSWORD, c: code });
  const wrong = await confirm('111111');
  assert.equal(errName(wrong), 'CodeMismatchException');
  assert.equal(wrong.error.metadata?.httpStatusCode, 400);
  assert.equal(errName(await signIn(username, NEW_PASSWORD)), 'NotAuthorizedException', 'the wrong code changed nothing');

  assert.equal(ok(await confirm('654321')), undefined);
  assert.equal(errName(await signIn(username, PASSWORD)), 'NotAuthorizedException', 'the old password no longer works');
  assert.deepEqual(ok(await signIn(username, NEW_PASSWORD)), DONE);
});

test('updatePassword: a wrong old password is refused; the right one changes it', async () => {
  const username = `chpw${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);

  const update = (oldPassword, newPassword) => inPage(async (m, a) => m.updatePassword(a), { oldPassword, newPassword });
  assert.equal(errName(await update('Not-The-Password-1', NEW_PASSWORD)), 'NotAuthorizedException');
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username, 'still signed in after the refusal');
  assert.equal(errName(await update('', NEW_PASSWORD)), 'EmptyUpdatePassword');

  assert.equal(ok(await update(PASSWORD, NEW_PASSWORD)), undefined);
  ok(await signOut());
  assert.equal(errName(await signIn(username, PASSWORD)), 'NotAuthorizedException');
  assert.deepEqual(ok(await signIn(username, NEW_PASSWORD)), DONE);
});

// ---- 7: attributes ----

test('fetchUserAttributes, updateUserAttributes, updateUserAttribute', async () => {
  const username = `attrs${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);
  const sub = ok(await inPage(async (m) => (await m.fetchAuthSession()).userSub));

  const attrs = ok(await inPage(async (m) => m.fetchUserAttributes()));
  assert.equal(attrs.sub, sub);
  assert.equal(attrs.email, `${username}@example.com`);
  assert.equal(attrs.name, undefined);

  const up = ok(await inPage(async (m) => m.updateUserAttributes({ userAttributes: { name: 'Alice' } })));
  assert.deepEqual(up, { name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } } });
  assert.equal(ok(await inPage(async (m) => m.fetchUserAttributes())).name, 'Alice');

  const one = ok(await inPage(async (m) => m.updateUserAttribute({ userAttribute: { attributeKey: 'family_name', value: 'Liddell' } })));
  assert.deepEqual(one, { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } });
  const after = ok(await inPage(async (m) => m.fetchUserAttributes()));
  assert.equal(after.family_name, 'Liddell');
  assert.equal(after.name, 'Alice');
  assert.equal(after.sub, sub);

  // Cognito itself sees the change.
  const direct = (await getUserDirect(await accessToken())).body.UserAttributes;
  assert.equal(direct.find((a) => a.Name === 'family_name')?.Value, 'Liddell');

  ok(await signOut());
  assert.equal(errName(await inPage(async (m) => m.fetchUserAttributes())), 'UserUnAuthenticatedException');
});

// ---- 8: deleteUser ----

test('deleteUser: the account is gone, the session and storage are cleared, Hub says signedOut', async () => {
  const username = `delete${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);
  const token = await accessToken();
  assert.ok((await keysIn('localStorage')).length > 0);
  await listenHub();

  assert.equal(ok(await inPage(async (m) => m.deleteUser())), undefined);
  assert.deepEqual(await hubEvents(), ['signedOut']);
  assert.equal(ok(await inPage(async (m) => (await m.fetchAuthSession()).tokens)), undefined);
  assert.deepEqual(await keysIn('localStorage'), [], 'storage cleared');
  assert.equal(errName(await inPage(async (m) => m.getCurrentUser())), 'UserUnAuthenticatedException');

  const gone = await getUserDirect(token);
  assert.equal(gone.status, 400);
  assert.ok(['UserNotFoundException', 'NotAuthorizedException'].includes(gone.body.__type), gone.body.__type);
  const again = await signIn(username);
  assert.ok(['UserNotFoundException', 'NotAuthorizedException'].includes(errName(again)), again.error.name);
});

// ---- 9: refresh ----

test('an expired session without a refresh token is signed out, not a TokenRefreshException forever', async () => {
  const username = `norefresh${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);
  const key = (n) => `${PREFIX}${stack.pool.userPoolClientId}.${username}.${n}`;
  // Expired (2 h of drift; tokens live 1 h) and nothing to renew it with.
  await page.evaluate(
    ({ refresh, drift }) => {
      localStorage.removeItem(refresh);
      localStorage.setItem(drift, String(2 * 3600_000));
    },
    { refresh: key('refreshToken'), drift: key('clockDrift') },
  );
  await listenHub();
  const s = ok(await inPage(async (m) => m.fetchAuthSession()));
  assert.equal(s.tokens, undefined);
  assert.equal(errName(await inPage(async (m) => m.getCurrentUser())), 'UserUnAuthenticatedException');
  assert.deepEqual(await keysIn('localStorage'), [], 'the dead session is cleared');
  assert.deepEqual(await hubEvents(), ['tokenRefresh_failure']);
  // And the user can sign in again.
  assert.deepEqual(ok(await signIn(username)), DONE);
});

test('an expired access token is refreshed by fetchAuthSession; forceRefresh too; not after signOut', async () => {
  const username = `refresh${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);
  const cid = stack.pool.userPoolClientId;
  const key = (n) => `${PREFIX}${cid}.${username}.${n}`;
  const first = await accessToken();
  const refreshToken = await page.evaluate((k) => localStorage.getItem(k), key('refreshToken'));
  assert.ok(refreshToken);
  await listenHub();

  // No refresh while the token is fresh.
  assert.equal(await accessToken(), first);
  assert.deepEqual(await hubEvents(), []);

  // expired iff now + clockDrift + 5 s > exp·1000; the token lives 1 h, so 2 h of drift expires it.
  const { exp } = JSON.parse(Buffer.from(first.split('.')[1], 'base64url'));
  assert.ok(exp * 1000 - Date.now() < 2 * 3600_000);
  await page.evaluate((k) => localStorage.setItem(k, String(2 * 3600_000)), key('clockDrift'));

  const second = await accessToken();
  assert.notEqual(second, first, 'fetchAuthSession returned new tokens');
  assert.deepEqual(await hubEvents(), ['tokenRefresh']);
  assert.equal(JSON.parse(Buffer.from(second.split('.')[1], 'base64url')).token_use, 'access');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key('accessToken')), second, 'the new token is stored');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), key('refreshToken')), refreshToken, 'the refresh token is kept');
  const drift = Number(await page.evaluate((k) => localStorage.getItem(k), key('clockDrift')));
  assert.ok(Math.abs(drift) < 60_000, `the clock drift is recomputed from the new token (${drift})`);
  const direct = await getUserDirect(second);
  assert.equal(direct.status, 200, JSON.stringify(direct.body));
  assert.equal(direct.body.Username, username);

  // Fresh again: no second refresh.
  assert.equal(await accessToken(), second);
  assert.deepEqual(await hubEvents(), ['tokenRefresh']);

  const forced = ok(await inPage(async (m) => (await m.fetchAuthSession({ forceRefresh: true })).tokens.accessToken.toString()));
  assert.notEqual(forced, second, 'forceRefresh yields a new token');
  assert.notEqual(forced, first);
  assert.deepEqual(await hubEvents(), ['tokenRefresh', 'tokenRefresh']);
  assert.equal((await getUserDirect(forced)).status, 200);
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);

  // Calls that need the access token refresh an expired one first, too.
  await page.evaluate((k) => localStorage.setItem(k, String(2 * 3600_000)), key('clockDrift'));
  assert.equal(ok(await inPage(async (m) => m.fetchUserAttributes())).email, `${username}@example.com`);
  assert.deepEqual(await hubEvents(), ['tokenRefresh', 'tokenRefresh', 'tokenRefresh']);
  const third = await page.evaluate((k) => localStorage.getItem(k), key('accessToken'));
  assert.notEqual(third, forced);

  ok(await signOut());
  const afterOut = ok(await inPage(async (m) => {
    const s = await m.fetchAuthSession({ forceRefresh: true });
    return { tokens: s.tokens === undefined, userSub: s.userSub === undefined };
  }));
  assert.deepEqual(afterOut, { tokens: true, userSub: true });
  const revoked = await cognito('GetTokensFromRefreshToken', { ClientId: cid, RefreshToken: refreshToken });
  assert.equal(revoked.body.__type, 'NotAuthorizedException', 'signOut revoked the refresh token');
  assert.equal((await getUserDirect(third)).body.__type, 'NotAuthorizedException');
});

// ---- 10: Hub ----

test('Hub: signedIn (username, userId) and signedOut; unsubscribing stops delivery', async () => {
  const username = `hub${run}`;
  await signUpConfirmed(username);
  await inPage(async (m) => {
    window.__a = [];
    window.__b = [];
    window.__unA = m.Hub.listen('auth', (c) => window.__a.push({ channel: c.channel, source: c.source, event: c.payload.event, data: c.payload.data }));
    m.Hub.listen('auth', (c) => window.__b.push(c.payload.event));
  });

  assert.deepEqual(ok(await signIn(username)), DONE);
  const user = ok(await inPage(async (m) => m.getCurrentUser()));
  ok(await signOut());
  const a = await page.evaluate(() => window.__a);
  assert.deepEqual(a.map((e) => e.event), ['signedIn', 'signedOut']);
  assert.equal(a[0].channel, 'auth');
  assert.equal(a[0].source, 'Auth');
  assert.equal(a[0].data.username, username);
  assert.equal(a[0].data.userId, user.userId);
  assert.match(a[0].data.userId, /^[0-9a-f-]{36}$/);
  assert.equal(a[1].data, undefined, 'signedOut carries no data');

  await page.evaluate(() => window.__unA());
  assert.deepEqual(ok(await signIn(username)), DONE);
  ok(await signOut());
  assert.equal((await page.evaluate(() => window.__a)).length, 2, 'nothing after unsubscribing');
  assert.deepEqual(await page.evaluate(() => window.__b), ['signedIn', 'signedOut', 'signedIn', 'signedOut'], 'the other listener still hears');

  const bad = await page.evaluate(async () => {
    const m = await import('/pkg/index.js');
    try {
      m.Hub.listen('auth', 'not a function');
      return 'no error';
    } catch (e) {
      return 'threw';
    }
  });
  assert.equal(bad, 'threw');
});

// ---- 11: storage choices ----

test('storage: sessionStorage keeps the tokens out of localStorage', async () => {
  const username = `sess${run}`;
  await signUpConfirmed(username);
  await inPage(async (m) => m.cognitoUserPoolsTokenProvider.setKeyValueStorage(m.sessionStorage));
  assert.deepEqual(ok(await signIn(username)), DONE);
  const cid = stack.pool.userPoolClientId;
  const ss = await keysIn('sessionStorage');
  for (const k of ['LastAuthUser', `${username}.accessToken`, `${username}.idToken`, `${username}.refreshToken`]) {
    assert.ok(ss.includes(`${PREFIX}${cid}.${k}`), `${k} missing in sessionStorage: ${ss}`);
  }
  assert.deepEqual(await keysIn('localStorage'), []);
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
  ok(await signOut());
  assert.deepEqual(await keysIn('sessionStorage'), []);
});

test('storage: sharedInMemoryStorage keeps the tokens out of web storage and cookies', async () => {
  const username = `mem${run}`;
  await signUpConfirmed(username);
  await inPage(async (m) => m.cognitoUserPoolsTokenProvider.setKeyValueStorage(m.sharedInMemoryStorage));
  assert.deepEqual(ok(await signIn(username)), DONE);
  assert.deepEqual(await keysIn('localStorage'), []);
  assert.deepEqual(await keysIn('sessionStorage'), []);
  assert.ok(!(await page.evaluate(() => document.cookie)).includes('CognitoIdentityServiceProvider'));
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
  const inMemory = ok(await inPage(async (m, k) => m.sharedInMemoryStorage.getItem(k), `${PREFIX}${stack.pool.userPoolClientId}.LastAuthUser`));
  assert.equal(inMemory, username);

  await page.reload(); // memory is gone, and the default store (localStorage) is empty
  await configure();
  assert.equal(errName(await inPage(async (m) => m.getCurrentUser())), 'UserUnAuthenticatedException');
});

test('storage: CookieStorage writes the Amplify keys as cookies', async () => {
  const username = `cookie${run}`;
  await signUpConfirmed(username);
  const setCookies = () => inPage(async (m) => m.cognitoUserPoolsTokenProvider.setKeyValueStorage(new m.CookieStorage({ secure: false })));
  await setCookies();
  assert.deepEqual(ok(await signIn(username)), DONE);
  const cid = stack.pool.userPoolClientId;
  const names = (await page.evaluate(() => document.cookie)).split('; ').map((p) => decodeURIComponent(p.slice(0, p.indexOf('='))));
  for (const k of ['LastAuthUser', `${username}.accessToken`, `${username}.idToken`, `${username}.refreshToken`, `${username}.clockDrift`]) {
    assert.ok(names.includes(`${PREFIX}${cid}.${k}`), `cookie ${k} missing: ${names}`);
  }
  assert.deepEqual(await keysIn('localStorage'), []);
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
  const cookies = await context.cookies();
  const access = cookies.find((c) => c.name === `${PREFIX}${cid}.${username}.accessToken`);
  assert.equal(access.path, '/');
  assert.equal(access.secure, false);
  assert.equal(decodeURIComponent(access.value), await accessToken());

  await page.reload(); // the cookies outlive the module instance
  await configure();
  await setCookies();
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
  ok(await signOut());
  assert.ok(!(await page.evaluate(() => document.cookie)).includes('CognitoIdentityServiceProvider'), 'signOut removes the cookies');
});

test('storage: a custom async (Promise-returning) storage works for sign-in, getCurrentUser and signOut', async () => {
  const username = `async${run}`;
  await signUpConfirmed(username);
  await inPage(async (m) => {
    const map = new Map();
    window.__map = map;
    const later = (v) => new Promise((r) => setTimeout(() => r(v), 1));
    m.cognitoUserPoolsTokenProvider.setKeyValueStorage({
      getItem: async (k) => later(map.has(k) ? map.get(k) : null),
      setItem: async (k, v) => later(void map.set(k, v)),
      removeItem: async (k) => later(void map.delete(k)),
      clear: async () => later(map.clear()),
    });
  });
  assert.deepEqual(ok(await signIn(username)), DONE);
  const cid = stack.pool.userPoolClientId;
  const keys = await page.evaluate(() => [...window.__map.keys()].sort());
  assert.ok(keys.includes(`${PREFIX}${cid}.${username}.accessToken`), String(keys));
  assert.equal(await page.evaluate((k) => window.__map.get(k), `${PREFIX}${cid}.LastAuthUser`), username);
  assert.deepEqual(await keysIn('localStorage'), []);
  const user = ok(await inPage(async (m) => m.getCurrentUser()));
  assert.equal(user.username, username);
  const token = await accessToken();
  assert.equal(token, await page.evaluate((k) => window.__map.get(k), `${PREFIX}${cid}.${username}.accessToken`));
  assert.equal((await getUserDirect(token)).status, 200);
  ok(await signOut());
  assert.deepEqual(await page.evaluate((p) => [...window.__map.keys()].filter((k) => k.startsWith(p)), PREFIX), []);
  assert.equal(errName(await inPage(async (m) => m.getCurrentUser())), 'UserUnAuthenticatedException');
});

// ---- 12: autoSignIn ----

test('autoSignIn: signUp with autoSignIn → confirmSignUp → COMPLETE_AUTO_SIGN_IN → autoSignIn() signs in once', async () => {
  const username = `auto${run}`;
  await listenHub();
  const up = ok(
    await inPage(
      async (m, a) => m.signUp({ username: a.u, password: a.p, options: { userAttributes: { email: `${a.u}@example.com` }, autoSignIn: true } }),
      { u: username, p: PASSWORD },
    ),
  );
  assert.equal(up.isSignUpComplete, false);
  assert.equal(up.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
  assert.equal(up.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');

  const confirmed = ok(await inPage(async (m, u) => m.confirmSignUp({ username: u, confirmationCode: '123456' }), username));
  assert.deepEqual(confirmed, { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });

  assert.deepEqual(ok(await inPage(async (m) => m.autoSignIn())), DONE);
  const user = ok(await inPage(async (m) => m.getCurrentUser()));
  assert.equal(user.username, username);
  assert.deepEqual(await hubEvents(), ['signedIn']);
  assert.equal((await getUserDirect(await accessToken())).status, 200);

  const again = await inPage(async (m) => m.autoSignIn());
  assert.equal(errName(again), 'AutoSignInException');
  assert.equal(again.error.message, 'The autoSignIn flow has not started, or has been cancelled/completed.');
});

test(
  'autoSignIn called before confirmSignUp is refused but does not cancel the flow (as Amplify)',
  async () => {
    const username = `autoearly${run}`;
    const up = ok(
      await inPage(
        async (m, a) => m.signUp({ username: a.u, password: a.p, options: { userAttributes: { email: `${a.u}@example.com` }, autoSignIn: true } }),
        { u: username, p: PASSWORD },
      ),
    );
    assert.equal(up.nextStep.signUpStep, 'CONFIRM_SIGN_UP');

    // Amplify: autoSignIn is still the initial function here, which throws and changes nothing.
    const early = await inPage(async (m) => m.autoSignIn());
    assert.equal(errName(early), 'AutoSignInException', 'not before the account is confirmed');

    const confirmed = ok(await inPage(async (m, u) => m.confirmSignUp({ username: u, confirmationCode: '123456' }), username));
    assert.deepEqual(confirmed, { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });
    assert.deepEqual(ok(await inPage(async (m) => m.autoSignIn())), DONE);
    assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
  },
);

// ---- 13: server faults ----

/** A Cognito stand-in that fails on purpose and counts the POSTs it gets. */
function startFaultServer() {
  const state = { mode: '500', posts: [], stolen: [] };
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': '*',
    'access-control-expose-headers': '*',
  };
  const srv = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(200, cors).end();
      return;
    }
    req.resume();
    req.on('end', () => {
      if (req.url === '/stolen') {
        state.stolen.push(req.method);
        res.writeHead(500, cors).end();
        return;
      }
      state.posts.push(req.headers['x-amz-target']);
      const json = { ...cors, 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `fault-${state.posts.length}` };
      switch (state.mode) {
        case '500':
          res.writeHead(500, { ...cors, 'content-type': 'text/plain' }).end('Internal Server Error');
          break;
        case '503':
          res.writeHead(503, { ...cors, 'content-type': 'text/html' }).end('<html>Service Unavailable</html>');
          break;
        case 'throttle':
          res.writeHead(400, json).end(JSON.stringify({ __type: 'TooManyRequestsException', message: 'Too many requests' }));
          break;
        case 'malformed':
          res.writeHead(200, json).end('{"AccessToken":');
          break;
        case '500-not-authorized':
          // A failing service whose body claims the refresh token is dead.
          res.writeHead(500, json).end(JSON.stringify({ __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }));
          break;
        case 'redirect':
          res.writeHead(307, { ...cors, location: '/stolen' }).end();
          break;
        default:
          res.writeHead(500).end();
      }
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ srv, state, url: `http://127.0.0.1:${srv.address().port}` })));
}

test('server faults: 500, 503, throttling and a malformed reply give named errors, are retried as Amplify, and keep the session', async () => {
  const username = `fault${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);
  const stored = await snapshot('localStorage');
  assert.ok(Object.keys(stored).length >= 5);

  const fault = await startFaultServer();
  try {
    const faulty = structuredClone(stack.config);
    faulty.Auth.Cognito.userPoolEndpoint = fault.url;
    await configure(faulty);
    await listenHub();
    const cases = [
      { mode: '500', name: 'ServerError', status: 500, attempts: 3 },
      { mode: '503', name: 'ServerError', status: 503, attempts: 3 },
      // A 5xx never ends the session, whatever its body says (only a 4xx answer can).
      { mode: '500-not-authorized', name: 'NotAuthorizedException', status: 500, attempts: 3 },
      { mode: 'throttle', name: 'TooManyRequestsException', status: 400, attempts: 3 },
      { mode: 'malformed', name: 'UnexpectedServerResponseException', status: 200, attempts: 1 },
    ];
    for (const c of cases) {
      fault.state.mode = c.mode;

      fault.state.posts = [];
      const t0 = Date.now();
      const refresh = await inPage(async (m) => m.fetchAuthSession({ forceRefresh: true }));
      const ms = Date.now() - t0;
      assert.equal(errName(refresh), c.name, `${c.mode}: fetchAuthSession`);
      assert.equal(refresh.error.metadata?.httpStatusCode, c.status, `${c.mode}: status`);
      assert.deepEqual(fault.state.posts, Array(c.attempts).fill('AWSCognitoIdentityProviderService.GetTokensFromRefreshToken'), `${c.mode}: attempts`);
      if (c.attempts === 3) assert.ok(ms >= 600, `${c.mode}: back-off between attempts (${ms} ms)`);

      fault.state.posts = [];
      const attrs = await inPage(async (m) => m.fetchUserAttributes());
      assert.equal(errName(attrs), c.name, `${c.mode}: fetchUserAttributes`);
      assert.deepEqual(fault.state.posts, Array(c.attempts).fill('AWSCognitoIdentityProviderService.GetUser'), `${c.mode}: attempts`);

      assert.deepEqual(await snapshot('localStorage'), stored, `${c.mode}: the stored session is unchanged`);
    }
    const hub = await page.evaluate(() => window.__hub);
    assert.deepEqual(hub.map((e) => e.event), Array(cases.length).fill('tokenRefresh_failure'), 'each failed refresh is announced');
    assert.deepEqual(hub.map((e) => e.data?.error), cases.map((c) => c.name));

  } finally {
    fault.srv.close();
  }

  await configure();
  assert.equal(ok(await inPage(async (m) => m.getCurrentUser())).username, username);
  assert.equal(ok(await inPage(async (m) => m.fetchUserAttributes())).email, `${username}@example.com`);
  const fresh = ok(await inPage(async (m) => (await m.fetchAuthSession({ forceRefresh: true })).tokens.accessToken.toString()));
  assert.equal((await getUserDirect(fresh)).status, 200);
});

test('an HTTP redirect from the endpoint is neither followed nor retried: the password and refresh token stay home', async () => {
  const username = `redirect${run}`;
  await signUpConfirmed(username);
  assert.deepEqual(ok(await signIn(username)), DONE);
  const stored = await snapshot('localStorage');
  const fault = await startFaultServer();
  try {
    const faulty = structuredClone(stack.config);
    faulty.Auth.Cognito.userPoolEndpoint = fault.url;
    await configure(faulty);
    // A redirect is neither followed (it would re-send the refresh token or a password
    // to Location) nor retried.
    fault.state.mode = 'redirect';
    fault.state.posts = [];
    const redirected = await inPage(async (m) => m.fetchAuthSession({ forceRefresh: true }));
    assert.equal(errName(redirected), 'UnexpectedRedirectException');
    assert.ok(redirected.error.recoverySuggestion);
    assert.deepEqual(fault.state.posts, ['AWSCognitoIdentityProviderService.GetTokensFromRefreshToken'], 'not retried');
    assert.deepEqual(await snapshot('localStorage'), stored, 'redirect: the stored session is unchanged');
    const signInRedirected = await inPage(async (m) => {
      await m.signOut().catch(() => {});
      return m.signIn({ username: 'someone', password: 'Not-Sent-Twice-1', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    });
    assert.equal(errName(signInRedirected), 'UnexpectedRedirectException');
    await sleep(200);
    assert.deepEqual(fault.state.stolen, [], 'nothing was sent to the Location');
  } finally {
    fault.srv.close();
  }
});
