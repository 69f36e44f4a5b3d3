// Which module runs what, in headless Chromium against ministack: an app with a user pool
// only signs in, reads its session, refreshes and signs out with the typed core alone
// (driver.js + its wasm); the other modules (steps, account, check) are fetched only by
// the calls that need them, and a challenge met during a sign-in continues with no second request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'Engine-Passw0rd!';
let stack, server, browser, origin;

before(async () => {
  stack = await startStack({ users: [`typed:${PASSWORD}:typed@example.com`, `leaving:${PASSWORD}:leaving@example.com`] });
  server = await startServer({ root, config: stack.config });
  origin = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

/** A fresh page with the package configured; records the package modules it fetches and the Cognito operations. */
async function open(config, { init } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  const modules = [];
  const ops = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/pkg/')) modules.push(u.pathname.slice(5));
    const target = r.headers()['x-amz-target'];
    if (target) ops.push(target.split('.').pop());
  });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${origin}/tests/browser/harness.html`);
  await page.evaluate(async (cfg) => {
    window.m = await import('/pkg/index.js');
    window.m.configure(cfg);
  }, config);
  return { context, page, modules, ops };
}

test('a user-pool app signs in, reads, refreshes and signs out on the typed core alone', async () => {
  const { context, page, modules, ops } = await open(stack.config);
  const r = await page.evaluate(async (p) => {
    const { m } = window;
    const signIn = await m.signIn({ username: 'typed', password: p });
    const user = await m.getCurrentUser();
    const first = (await m.fetchAuthSession()).tokens.accessToken.toString();
    const forced = (await m.fetchAuthSession({ forceRefresh: true })).tokens.accessToken.toString();
    await m.signOut();
    const after = await m.fetchAuthSession();
    return { signIn, user: user.username, refreshed: first !== forced, after: after.tokens === undefined };
  }, PASSWORD);
  assert.deepEqual(r, { signIn: { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, user: 'typed', refreshed: true, after: true });
  assert.deepEqual(ops, ['InitiateAuth', 'RespondToAuthChallenge', 'GetTokensFromRefreshToken', 'RevokeToken']);
  assert.ok(modules.includes('driver.js'), modules.join());
  assert.ok(!modules.includes('check.js'), `the full input rules (check.js) were fetched: ${modules.join()}`);
  // The browser's DecompressionStream unpacks the wasm: the fallback decoder stays unfetched.
  assert.ok(!modules.includes('inflate.js'), `the fallback decoder was fetched: ${modules.join()}`);
  // Nor the steps, device and account modules: a password sign-in without a challenge
  // needs none (bench/bundle.mjs leaves them all out of the flow's bytes).
  for (const lazy of ['steps.js', 'device.js', 'account.js']) assert.ok(!modules.includes(lazy), `${lazy} was fetched: ${modules.join()}`);
  await context.close();
});

test('without DecompressionStream the wasm is unpacked by the fallback decoder, and sign-in works the same', async () => {
  const { context, page, modules, ops } = await open(stack.config, { init: () => delete globalThis.DecompressionStream });
  const r = await page.evaluate(async (p) => {
    const { m } = window;
    const gone = typeof DecompressionStream === 'undefined';
    const signIn = await m.signIn({ username: 'typed', password: p });
    const user = await m.getCurrentUser();
    await m.signOut();
    return { gone, signIn, user: user.username };
  }, PASSWORD);
  assert.deepEqual(r, { gone: true, signIn: { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, user: 'typed' });
  assert.deepEqual(ops, ['InitiateAuth', 'RespondToAuthChallenge', 'RevokeToken']);
  assert.ok(modules.includes('inflate.js') && !modules.includes('check.js'), modules.join());
  await context.close();
});

test('sign-up, confirmation and autoSignIn run on the typed core too', async () => {
  const username = `fresh${Date.now().toString(36)}`;
  const { context, page, modules, ops } = await open(stack.config);
  const r = await page.evaluate(async (u) => {
    const { m } = window;
    const up = await m.signUp({ username: u, password: 'Fresh-Passw0rd!', options: { userAttributes: { email: `${u}@example.com` }, autoSignIn: true } });
    const resent = await m.resendSignUpCode({ username: u });
    const confirmed = await m.confirmSignUp({ username: u, confirmationCode: '123456' });
    const signedIn = await m.autoSignIn();
    const again = await m.autoSignIn().then(() => 'again', (e) => e.name);
    const user = await m.getCurrentUser();
    return { up: up.nextStep.signUpStep, resent: resent.deliveryMedium, confirmed, signedIn, again, user: user.username };
  }, username);
  assert.deepEqual(r, {
    up: 'CONFIRM_SIGN_UP',
    resent: 'EMAIL',
    confirmed: { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } },
    signedIn: { isSignedIn: true, nextStep: { signInStep: 'DONE' } },
    again: 'AutoSignInException',
    user: username,
  });
  assert.deepEqual(ops, ['SignUp', 'ResendConfirmationCode', 'ConfirmSignUp', 'InitiateAuth', 'RespondToAuthChallenge']);
  assert.ok(!modules.includes('check.js'), `the full input rules (check.js) were fetched: ${modules.join()}`);
  // Sign-up runs on the steps module, fetched once; no new device was confirmed.
  assert.equal(modules.filter((f) => f === 'steps.js').length, 1, modules.join());
  assert.ok(!modules.includes('device.js'), modules.join());
  await context.close();
});

test('a new-password challenge is answered on the typed core, after a reload too; nothing sent twice', async () => {
  const username = `temp${Date.now().toString(36)}`;
  const { config } = stack.addPool({ tempUsers: [`${username}:Temp-Pass-123:${username}@example.com`] });
  const { context, page, modules, ops } = await open(config);
  const first = await page.evaluate(async (u) => {
    const r = await window.m.signIn({ username: u, password: 'Temp-Pass-123' });
    return { step: r.nextStep.signInStep, missing: r.nextStep.missingAttributes, stored: sessionStorage.getItem('CognitoSignInState.challengeName') };
  }, username);
  assert.deepEqual(first, { step: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missing: [], stored: 'NEW_PASSWORD_REQUIRED' });
  // The tab keeps the challenge (Amplify's keys): a reloaded page answers it.
  await page.reload();
  const r = await page.evaluate(async (cfg) => {
    window.m = await import('/pkg/index.js');
    window.m.configure(cfg);
    const done = await window.m.confirmSignIn({ challengeResponse: 'New-Passw0rd-456' });
    const user = await window.m.getCurrentUser();
    return { done, user: user.username, left: sessionStorage.getItem('CognitoSignInState.challengeName') };
  }, config);
  assert.deepEqual(r, { done: { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, user: username, left: null });
  // One SRP exchange, then the answer.
  assert.deepEqual(ops.slice(0, 3), ['InitiateAuth', 'RespondToAuthChallenge', 'RespondToAuthChallenge']);
  assert.ok(modules.includes('driver.js') && !modules.includes('check.js'), modules.join());
  // The challenge is the steps module's (before and after the reload); no new device was confirmed.
  assert.equal(modules.filter((f) => f === 'steps.js').length, 2, modules.join());
  assert.ok(!modules.includes('device.js'), modules.join());
  await context.close();
});

test('account calls run on the account module, fetched on the first one', async () => {
  const { context, page, modules, ops } = await open(stack.config);
  const before = await page.evaluate(async (p) => {
    await window.m.signIn({ username: 'typed', password: p });
    return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/account.js'));
  }, PASSWORD);
  assert.equal(before, false, 'account.js fetched before any account call');
  const r = await page.evaluate(async (p) => {
    const { m } = window;
    const updated = await m.updateUserAttributes({ userAttributes: { name: 'Ty Ped' } });
    const one = await m.updateUserAttribute({ userAttribute: { attributeKey: 'family_name', value: 'Ped' } });
    const attrs = await m.fetchUserAttributes();
    const mfa = await m.fetchMFAPreference();
    await m.updatePassword({ oldPassword: p, newPassword: p + 'x' });
    await m.updatePassword({ oldPassword: p + 'x', newPassword: p });
    const wrong = await m.updatePassword({ oldPassword: 'not-it-1A!', newPassword: p }).catch((e) => e.name);
    await m.signOut();
    const out = await m.fetchUserAttributes().catch((e) => e.name);
    await m.signIn({ username: 'leaving', password: p });
    const deleted = await m.deleteUser();
    const session = await m.fetchAuthSession();
    const keys = Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.'));
    return { updated, one, name: attrs.name, family: attrs.family_name, mfa, wrong, out, deleted, signedOut: session.tokens === undefined, keys };
  }, PASSWORD);
  assert.deepEqual(r, {
    updated: { name: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } } },
    one: { isUpdated: true, nextStep: { updateAttributeStep: 'DONE' } },
    name: 'Ty Ped',
    family: 'Ped',
    mfa: {},
    wrong: 'NotAuthorizedException',
    out: 'UserUnAuthenticatedException',
    deleted: undefined,
    signedOut: true,
    keys: [],
  });
  assert.ok(modules.includes('account.js') && !modules.includes('check.js'), modules.join());
  assert.equal(modules.filter((f) => f === 'account.js').length, 1, modules.join());
  assert.ok(['UpdateUserAttributes', 'GetUser', 'ChangePassword', 'DeleteUser'].every((o) => ops.includes(o)), ops.join());
  await context.close();
});

test('a confirmSignIn with no challenge waiting is named by the full input rules (check.js, fetched for it alone); the session stays', async () => {
  const { context, page, modules } = await open(stack.config);
  const r = await page.evaluate(async (p) => {
    const { m } = window;
    await m.signIn({ username: 'typed', password: p });
    const beforeCheck = performance.getEntriesByType('resource').some((e) => e.name.endsWith('/check.js'));
    const confirm = await m.confirmSignIn({ challengeResponse: '123456' }).catch((e) => `${e.name}: ${e.recoverySuggestion}`);
    const user = await m.getCurrentUser();
    await m.signOut();
    return { beforeCheck, confirm, user: user.username, after: (await m.fetchAuthSession()).tokens === undefined };
  }, PASSWORD);
  assert.deepEqual(r, {
    beforeCheck: false,
    confirm: 'SignInException: Make sure a successful call to signIn is made before calling confirmSignIn and that the session has not expired.',
    user: 'typed',
    after: true,
  });
  assert.ok(modules.includes('check.js'), modules.join());
  await context.close();
});

test('a module worker signs in, reads its session and signs out (memory store, no window)', async () => {
  const { context, page } = await open(stack.config);
  const r = await page.evaluate(
    async ({ cfg, password }) => {
      // The worker imports the package as a module and runs the calls there.
      const src = `
        import * as m from '${location.origin}/pkg/index.js';
        onmessage = async ({ data }) => {
          try {
            m.configure(data.cfg);
            const signIn = await m.signIn({ username: 'typed', password: data.password });
            const user = await m.getCurrentUser();
            const session = await m.fetchAuthSession();
            await m.signOut();
            const after = await m.fetchAuthSession();
            postMessage({ signIn, user: user.username, sub: session.tokens?.accessToken.payload.sub !== undefined, after: after.tokens === undefined, window: typeof window });
          } catch (e) {
            postMessage({ error: e.name + ': ' + e.message });
          }
        };`;
      const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })), { type: 'module' });
      const out = await new Promise((done) => {
        w.onmessage = (e) => done(e.data);
        w.onerror = (e) => done({ error: e.message });
        w.postMessage({ cfg, password });
      });
      w.terminate();
      return out;
    },
    { cfg: stack.config, password: PASSWORD },
  );
  assert.deepEqual(r, { signIn: { isSignedIn: true, nextStep: { signInStep: 'DONE' } }, user: 'typed', sub: true, after: true, window: 'undefined' });
  await context.close();
});

test('a store that hands back numbers (a JSON-parsing custom store) works the same', async () => {
  const { context, page } = await open(stack.config);
  const r = await page.evaluate(async (p) => {
    const { m } = window;
    // A store that parses what it keeps: clockDrift ("0") comes back as the number 0.
    const map = new Map();
    const reads = [];
    m.cognitoUserPoolsTokenProvider.setKeyValueStorage({
      setItem: (k, v) => void map.set(k, v),
      getItem: (k) => {
        const v = map.get(k) ?? null;
        const out = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
        if (typeof out === 'number') reads.push(k.split('.').pop());
        return out;
      },
      removeItem: (k) => void map.delete(k),
      clear: () => map.clear(),
    });
    await m.signIn({ username: 'typed', password: p });
    const user = await m.getCurrentUser();
    const session = await m.fetchAuthSession();
    await m.signOut();
    return { numbers: reads.includes('clockDrift'), user: user.username, token: typeof session.tokens?.accessToken?.toString() };
  }, PASSWORD);
  assert.deepEqual(r, { numbers: true, user: 'typed', token: 'string' });
  await context.close();
});

test('a configuration applied again before the sign-in keeps the challenge that sign-in meets', async () => {
  const username = `rec${Date.now().toString(36)}`;
  const { config } = stack.addPool({ tempUsers: [`${username}:Temp-Pass-123:${username}@example.com`] });
  const { context, page, modules } = await open(config);
  const r = await page.evaluate(
    async ({ cfg, u }) => {
      const { m } = window;
      await m.fetchAuthSession(); // the typed core is loaded under the first configuration
      m.configure({ ...cfg, Auth: { Cognito: { ...cfg.Auth.Cognito, signUpVerificationMethod: 'code' } } });
      const first = await m.signIn({ username: u, password: 'Temp-Pass-123' });
      const done = await m.confirmSignIn({ challengeResponse: 'New-Passw0rd-456' });
      return { first: first.nextStep.signInStep, done: done.isSignedIn };
    },
    { cfg: config, u: username },
  );
  assert.deepEqual(r, { first: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', done: true });
  assert.ok(!modules.includes('check.js'), modules.join());
  await context.close();
});
