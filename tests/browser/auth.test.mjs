// The built package (pkg/) in headless Chromium against ministack with AUTH=true,
// which verifies SRP proofs, token signatures, codes and revocation for real.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, freePort, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { runInPage } from '../support/page.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let stack, server, browser, page, origin;
const run = Date.now().toString(36);
const PASSWORD = 'Correct-Horse-9';

before(async () => {
  stack = await startStack();
  server = await startServer({ root, config: stack.config });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${origin}/tests/browser/harness.html`);
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

/** Runs `body` in the page (see tests/support/page.mjs). */
const inPage = (body, arg) => runInPage(page, body, arg);

const configure = () => inPage(async (m, cfg) => m.configure(cfg), stack.config);

async function getUserDirect(accessToken) {
  const r = await fetch(stack.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' },
    body: JSON.stringify({ AccessToken: accessToken }),
  });
  return { status: r.status, body: await r.json() };
}

async function signUpConfirmed(username) {
  const r = await inPage(
    async (m, a) => {
      await m.signUp({ username: a.username, password: a.password, options: { userAttributes: { email: `${a.username}@example.com` } } });
      return m.confirmSignUp({ username: a.username, confirmationCode: '123456' });
    },
    { username, password: PASSWORD },
  );
  assert.equal(r.ok?.isSignUpComplete, true, JSON.stringify(r));
}

const storageKeys = () => page.evaluate(() => Object.keys(localStorage).sort());

test('configure validates synchronously and names the bad field', async () => {
  const r = await inPage(async (m) => {
    try {
      m.configure({ Auth: { Cognito: { userPoolId: 'not-a-pool', userPoolClientId: 'x' } } });
      return 'no error';
    } catch (e) {
      return { name: e.name, message: e.message, isAuthError: e instanceof m.AuthError };
    }
  });
  assert.equal(r.ok.name, 'InvalidConfigException');
  assert.match(r.ok.message, /Auth\.Cognito\.userPoolId/);
  assert.equal(r.ok.isAuthError, true);
  await configure();
  const cfg = await inPage(async (m) => m.getConfig());
  assert.equal(cfg.ok.Auth.Cognito.userPoolId, stack.pool.userPoolId);
});

test('sign-up, wrong code rejected, right code confirms', async () => {
  const username = `alice${run}`;
  const up = await inPage(
    async (m, a) => m.signUp({ username: a.username, password: a.password, options: { userAttributes: { email: 'alice@example.com' } } }),
    { username, password: PASSWORD },
  );
  assert.equal(up.ok.isSignUpComplete, false);
  assert.equal(up.ok.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
  assert.equal(up.ok.nextStep.codeDeliveryDetails.deliveryMedium, 'EMAIL');
  assert.match(up.ok.userId, /^[0-9a-f-]{36}$/);

  const wrong = await inPage(async (m, u) => m.confirmSignUp({ username: u, confirmationCode: '000000' }), username);
  assert.equal(wrong.error.name, 'CodeMismatchException');
  assert.equal(wrong.error.isAuthError, true);
  assert.equal(wrong.error.metadata.httpStatusCode, 400);
  assert.ok(wrong.error.metadata.requestId, 'request id from x-amzn-requestid');
  assert.ok(wrong.error.recoverySuggestion);

  const resend = await inPage(async (m, u) => m.resendSignUpCode({ username: u }), username);
  assert.equal(resend.ok.deliveryMedium, 'EMAIL');

  const ok = await inPage(async (m, u) => m.confirmSignUp({ username: u, confirmationCode: '123456' }), username);
  assert.deepEqual(ok.ok, { isSignUpComplete: true, nextStep: { signUpStep: 'DONE' } });
});

test('SRP sign-in, current user, session, Amplify storage keys, reload, sign-in twice', async () => {
  const username = `alice${run}`;
  const t0 = Date.now();
  const r = await inPage(async (m, a) => m.signIn({ username: a.username, password: a.password }), { username, password: PASSWORD });
  const ms = Date.now() - t0;
  assert.deepEqual(r.ok, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  console.log(`# SRP sign-in against ministack in Chromium: ${ms} ms`);

  const user = await inPage(async (m) => m.getCurrentUser());
  assert.equal(user.ok.username, username);
  assert.match(user.ok.userId, /^[0-9a-f-]{36}$/);
  assert.deepEqual(user.ok.signInDetails, { loginId: username, authFlowType: 'USER_SRP_AUTH' });

  const s = await inPage(async (m) => {
    const s = await m.fetchAuthSession();
    return { sub: s.userSub, access: s.tokens.accessToken.toString(), payload: s.tokens.accessToken.payload, id: s.tokens.idToken.payload };
  });
  assert.equal(s.ok.sub, user.ok.userId);
  assert.equal(s.ok.payload.token_use, 'access');
  assert.equal(s.ok.id['cognito:username'], username);
  assert.equal((await getUserDirect(s.ok.access)).status, 200, 'the access token works with Cognito');

  const cid = stack.pool.userPoolClientId;
  const prefix = `CognitoIdentityServiceProvider.${cid}`;
  const keys = await storageKeys();
  for (const k of ['LastAuthUser', `${username}.accessToken`, `${username}.idToken`, `${username}.refreshToken`, `${username}.clockDrift`, `${username}.signInDetails`]) {
    assert.ok(keys.includes(`${prefix}.${k}`), `missing ${k} in ${keys}`);
  }
  const drift = await page.evaluate((k) => localStorage.getItem(k), `${prefix}.${username}.clockDrift`);
  assert.match(drift, /^-?\d+$/);

  // A reload is a fresh module instance that must find the stored session.
  await page.reload();
  await configure();
  const again = await inPage(async (m) => m.getCurrentUser());
  assert.equal(again.ok.username, username);

  const twice = await inPage(async (m, a) => m.signIn({ username: a.username, password: a.password }), { username, password: PASSWORD });
  assert.equal(twice.error.name, 'UserAlreadyAuthenticatedException');
});

test('local sign-out revokes the refresh token and clears storage', async () => {
  const before = await inPage(async (m) => (await m.fetchAuthSession()).tokens.accessToken.toString());
  const r = await inPage(async (m) => m.signOut());
  assert.ok(!r.error, JSON.stringify(r));
  const after = await inPage(async (m) => {
    const s = await m.fetchAuthSession();
    return { tokens: s.tokens === undefined, user: await m.getCurrentUser().catch((e) => e.name) };
  });
  assert.deepEqual(after.ok, { tokens: true, user: 'UserUnAuthenticatedException' });
  const left = (await storageKeys()).filter((k) => k.startsWith('CognitoIdentityServiceProvider.'));
  assert.deepEqual(left, []);
  const g = await getUserDirect(before.ok);
  assert.equal(g.status, 400);
  assert.equal(g.body.__type, 'NotAuthorizedException', 'revoked access token refused');
});

test('global sign-out invalidates the access token', async () => {
  const username = `alice${run}`;
  await inPage(async (m, a) => m.signIn({ username: a.username, password: a.password }), { username, password: PASSWORD });
  const token = await inPage(async (m) => (await m.fetchAuthSession()).tokens.accessToken.toString());
  assert.equal((await getUserDirect(token.ok)).status, 200);
  await inPage(async (m) => m.signOut({ global: true }));
  assert.equal((await getUserDirect(token.ok)).body.__type, 'NotAuthorizedException');
  const s = await inPage(async (m) => (await m.fetchAuthSession()).tokens === undefined);
  assert.equal(s.ok, true);
});

test('wrong password, unknown user, unconfirmed user, weak password, empty input', async () => {
  const username = `alice${run}`;
  const wrong = await inPage(async (m, u) => m.signIn({ username: u, password: 'Wrong-Password-1' }), username);
  assert.equal(wrong.error.name, 'NotAuthorizedException');
  assert.equal(wrong.error.metadata.httpStatusCode, 400);

  const unknown = await inPage(async (m) => m.signIn({ username: 'nobody-here', password: 'Whatever-123' }));
  assert.ok(['UserNotFoundException', 'NotAuthorizedException'].includes(unknown.error.name), unknown.error.name);

  const pending = `bob${run}`;
  await inPage(async (m, a) => m.signUp({ username: a.u, password: a.p, options: { userAttributes: { email: 'bob@example.com' } } }), { u: pending, p: PASSWORD });
  const unconfirmed = await inPage(async (m, a) => m.signIn({ username: a.u, password: a.p }), { u: pending, p: PASSWORD });
  assert.deepEqual(unconfirmed.ok, { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_UP' } });

  const weak = await inPage(async (m) => m.signUp({ username: 'weakling', password: 'abc', options: { userAttributes: { email: 'w@example.com' } } }));
  assert.equal(weak.error.name, 'InvalidPasswordException');

  const empty = await inPage(async (m) => m.signIn({ username: '', password: 'x' }));
  assert.equal(empty.error.name, 'EmptySignInUsername');
  const nopass = await inPage(async (m) => m.signIn({ username: 'someone' }));
  assert.equal(nopass.error.name, 'EmptySignInPassword');
});

test('USER_PASSWORD_AUTH sign-in', async () => {
  const username = `carol${run}`;
  await signUpConfirmed(username);
  const r = await inPage(
    async (m, a) => m.signIn({ username: a.u, password: a.p, options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
    { u: username, p: PASSWORD },
  );
  assert.deepEqual(r.ok, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const user = await inPage(async (m) => m.getCurrentUser());
  assert.equal(user.ok.signInDetails.authFlowType, 'USER_PASSWORD_AUTH');
});

test('server unreachable: NetworkError, and the stored session is kept', async () => {
  const keysBefore = await storageKeys();
  assert.ok(keysBefore.some((k) => k.endsWith('.accessToken')), 'signed in from the previous test');
  const deadPort = await freePort();
  const cfg = structuredClone(stack.config);
  cfg.Auth.Cognito.userPoolEndpoint = `http://127.0.0.1:${deadPort}`;
  const r = await inPage(async (m, c) => {
    m.configure(c);
    return m.fetchAuthSession({ forceRefresh: true });
  }, cfg);
  assert.equal(r.error.name, 'NetworkError');
  assert.equal(r.error.isAuthError, true);
  const so = await inPage(async (m) => m.signIn({ username: 'x', password: 'y' }).catch((e) => e.name));
  assert.equal(so.ok, 'UserAlreadyAuthenticatedException', 'a valid session still counts as signed in');
  assert.deepEqual(await storageKeys(), keysBefore, 'nothing was removed');
  await configure();
  const user = await inPage(async (m) => m.getCurrentUser());
  assert.equal(user.ok.username, `carol${run}`);
  const refreshed = await inPage(async (m) => (await m.fetchAuthSession({ forceRefresh: true })).tokens !== undefined);
  assert.equal(refreshed.ok, true, 'forced refresh works once the server is back');
  await inPage(async (m) => m.signOut());
});

test('decodeJWT', async () => {
  const r = await inPage(async (m) => {
    const t = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJhYmMiLCJleHAiOjEwfQ.c2ln';
    const j = m.decodeJWT(t);
    let bad;
    try {
      m.decodeJWT('nope');
    } catch (e) {
      bad = e.name;
    }
    return { sub: j.payload.sub, s: j.toString() === t, bad };
  });
  assert.deepEqual(r.ok, { sub: 'abc', s: true, bad: 'InvalidTokenException' });
});

test('email as username: USER_ID_FOR_SRP is the sub, and storage is keyed by it', async () => {
  const { config, pool } = stack.addPool({ usernameAttributes: ['email'] });
  const email = `dave${run}@example.com`;
  const r = await inPage(
    async (m, a) => {
      m.configure(a.config);
      const up = await m.signUp({ username: a.email, password: a.password, options: { userAttributes: { email: a.email } } });
      await m.confirmSignUp({ username: a.email, confirmationCode: '123456' });
      const res = await m.signIn({ username: a.email, password: a.password });
      const user = await m.getCurrentUser();
      return { up, res, user };
    },
    { config, email, password: PASSWORD },
  );
  assert.deepEqual(r.ok.res, { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, JSON.stringify(r));
  assert.equal(r.ok.user.userId, r.ok.up.userId);
  assert.equal(r.ok.user.username, r.ok.up.userId, "Cognito's username is the sub");
  assert.deepEqual(r.ok.user.signInDetails, { loginId: email, authFlowType: 'USER_SRP_AUTH' });
  const last = await page.evaluate((k) => localStorage.getItem(k), `CognitoIdentityServiceProvider.${pool.userPoolClientId}.LastAuthUser`);
  assert.equal(last, r.ok.up.userId);
  await inPage(async (m) => m.signOut());
  await configure();
});

test('SRP work between the two requests, measured in the page (reported, not asserted)', async () => {
  const username = `carol${run}`;
  const times = await inPage(
    async (m, a) => {
      // Time from the InitiateAuth reply arriving to the RespondToAuthChallenge request
      // leaving is the client's SRP work (x, S, HKDF, signature) plus glue.
      const realFetch = window.fetch;
      const marks = [];
      window.fetch = async (req, init) => {
        const target = req instanceof Request ? req.headers.get('x-amz-target') : init?.headers?.['X-Amz-Target'];
        marks.push({ target, sent: performance.now() });
        const res = await realFetch(req, init);
        marks[marks.length - 1].received = performance.now();
        return res;
      };
      const out = [];
      try {
        for (let i = 0; i < 5; i++) {
          marks.length = 0;
          const t0 = performance.now();
          await m.signIn({ username: a.u, password: a.p });
          const total = performance.now() - t0;
          const init = marks.find((x) => x.target?.endsWith('InitiateAuth'));
          const resp = marks.find((x) => x.target?.endsWith('RespondToAuthChallenge'));
          out.push({ total, beforeFirst: init.sent - t0, between: resp.sent - init.received, requests: marks.length });
          await m.signOut();
        }
      } finally {
        window.fetch = realFetch;
      }
      return out;
    },
    { u: username, p: PASSWORD },
  );
  const med = (k) => times.ok.map((t) => t[k]).sort((a, b) => a - b)[2].toFixed(1);
  console.log(`# SRP in Chromium, median of 5: A before first request ${med('beforeFirst')} ms, proof between requests ${med('between')} ms, whole sign-in ${med('total')} ms`);
  for (const t of times.ok) assert.equal(t.requests, 2, 'exactly two POSTs per SRP sign-in');
});
