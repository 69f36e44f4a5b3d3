// Hosted UI (signInWithRedirect) and identity pool credentials, with the built package
// (pkg/) in headless Chromium against ministack (AUTH=true). ministack serves the hosted
// UI at its gateway root (login form, /oauth2/token with PKCE S256 checked, /logout) and
// the identity pool API (GetId / GetCredentialsForIdentity, unsigned).
// What ministack cannot do (the implicit flow, access_denied) is simulated by answering
// the authorize request with a redirect back to the app.
//
// The app page is tests/browser/oauth-harness.html: it records Hub events into
// window.events, then configure()s with /config.json, as an app would at load.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, OAUTH_SCOPES, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const USER = 'hana';
const PASSWORD = 'Hosted-Passw0rd1';
const served = {}; // what /config.json answers; tests change it (e.g. responseType 'token')
const requests = []; // POSTs from the page to ministack: token and identity pool calls
const logouts = []; // the page's requests to the hosted UI /logout
const modules = []; // the package's files the page fetched, in order (both copies)
let stack, server, browser, page, origin, redirect, prefix;

before(async () => {
  // A second copy of the package for the harness (see 'configure() twice …').
  rmSync(join(root, 'target', 'pkg-copy'), { recursive: true, force: true });
  cpSync(join(root, 'pkg'), join(root, 'target', 'pkg-copy'), { recursive: true });
  // The server first: the app client's callback URL must be the page's exact URL.
  server = await startServer({ root, config: served });
  origin = `http://127.0.0.1:${server.address().port}`;
  redirect = `${origin}/tests/browser/oauth-harness.html`;
  stack = await startStack({ users: [`${USER}:${PASSWORD}:hana@example.com`], oauth: [redirect], identityPool: true });
  setConfig(stack.config);
  prefix = `CognitoIdentityServiceProvider.${stack.pool.userPoolClientId}`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().startsWith(stack.endpoint)) {
      requests.push({ url: r.url(), target: r.headers()['x-amz-target'], body: r.postData() ?? '' });
    }
    if (r.url().startsWith(`${stack.endpoint}/logout`)) logouts.push(r.url());
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/') || path.startsWith('/target/pkg-copy/')) modules.push(path.split('/').pop());
  });
  await load();
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

function setConfig(cfg) {
  for (const k of Object.keys(served)) delete served[k];
  Object.assign(served, structuredClone(cfg));
}

/** Loads the harness page (signed-out state is up to the caller). */
async function load() {
  await page.goto(redirect);
  await page.waitForFunction(() => window.configured || window.configureError);
  assert.equal(await page.evaluate(() => window.configureError), undefined);
}

/** Runs `fn` (which makes the page leave), then waits until the harness has loaded again. */
async function andBack(fn) {
  await page.evaluate(() => (window.stale = true));
  await fn();
  await page.waitForFunction(() => !window.stale && (window.configured || window.configureError), null, { timeout: 20_000 });
}

/** Waits until the redirect completion settled, and returns the Hub events of this page. */
async function completion() {
  await page.waitForFunction(() => window.events.some((e) => e.event === 'signedIn' || e.event === 'signInWithRedirect_failure'));
  return page.evaluate(() => window.events);
}

/** Starts signInWithRedirect without waiting: the page is about to leave. */
const startRedirect = (input) =>
  page.evaluate((input) => {
    window.m.signInWithRedirect(input).catch((e) => (window.redirectError = { name: e.name, message: e.message }));
  }, input);

/** On ministack's login page: signs in through the form. */
async function hostedLogin(username, password) {
  await page.waitForURL((u) => u.href.startsWith(`${stack.endpoint}/oauth2/authorize`));
  await page.waitForSelector('#username');
  assert.equal(await page.title(), 'Sign in');
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
}

/** Runs `body` (an async function source taking the module `m` and `arg`) in the page. */
async function inPage(body, arg) {
  return page.evaluate(
    async ({ body, arg }) => {
      const m = window.m;
      const fn = new Function('m', 'arg', `return (${body})(m, arg);`);
      try {
        return { ok: await fn(m, arg) };
      } catch (e) {
        return { error: { isAuthError: e instanceof m.AuthError, name: e.name, message: e.message } };
      }
    },
    { body: body.toString(), arg },
  );
}

const storage = () => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)));
const tokenKeys = (s) => Object.keys(s).filter((k) => /\.(accessToken|idToken|refreshToken|LastAuthUser|oauthMetadata|oauthSignIn)$/.test(k));
const inflightKeys = (s) => Object.keys(s).filter((k) => /\.(inflightOAuth|oauthState|oauthPKCE)$/.test(k));

async function signedOutFresh(cfg = stack.config) {
  setConfig(cfg);
  await page.evaluate(() => localStorage.clear());
  await load();
}

async function cognito(target, body) {
  const r = await fetch(stack.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}

async function tokenEndpoint(params) {
  const r = await fetch(`${stack.endpoint}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params),
  });
  return { status: r.status, body: await r.json() };
}

const s256 = (v) => createHash('sha256').update(v).digest('base64url');
const hexOf = (s) => Buffer.from(s, 'utf8').toString('hex');

/** A full hosted UI sign-in; returns the authorize URL and the URL the app was loaded at. */
async function hostedSignIn(input = {}) {
  const authorize = page.waitForRequest((r) => r.url().startsWith(`${stack.endpoint}/oauth2/authorize`));
  await andBack(async () => {
    await startRedirect(input);
    await hostedLogin(USER, PASSWORD);
  });
  const events = await completion();
  return { authorizeUrl: new URL((await authorize).url()), loadedUrl: new URL(await page.evaluate(() => window.loadedUrl)), events };
}

test('hosted UI sign-in: PKCE authorize URL, login form, code exchange, Hub events, storage', async () => {
  await signedOutFresh();
  const mark = requests.length;
  const { authorizeUrl, loadedUrl, events } = await hostedSignIn({ customState: 'from-test' });

  // The authorize request.
  const q = authorizeUrl.searchParams;
  assert.equal(`${authorizeUrl.origin}${authorizeUrl.pathname}`, `${stack.endpoint}/oauth2/authorize`);
  assert.equal(q.get('response_type'), 'code');
  assert.equal(q.get('client_id'), stack.pool.userPoolClientId);
  assert.equal(q.get('redirect_uri'), redirect);
  assert.equal(q.get('scope'), OAUTH_SCOPES.join(' '));
  assert.equal(q.get('code_challenge_method'), 'S256');
  assert.match(q.get('code_challenge'), /^[A-Za-z0-9_-]{43}$/);
  assert.equal(q.get('identity_provider'), null, 'no identity_provider without a provider');
  const state = q.get('state');
  assert.match(state, /^[A-Za-z0-9]{32}-[0-9a-f]+$/);
  assert.ok(state.endsWith(`-${hexOf('from-test')}`), `custom state carried in ${state}`);

  // Back at the app: ?code and the same state; the URL is cleaned.
  assert.equal(`${loadedUrl.origin}${loadedUrl.pathname}`, redirect);
  assert.match(loadedUrl.searchParams.get('code'), /^[A-Za-z0-9_-]{20,}$/);
  assert.equal(loadedUrl.searchParams.get('state'), state);
  assert.equal(page.url(), redirect, 'no ?code left in the address bar');

  // Events, in Amplify's order.
  assert.deepEqual(events.map((e) => e.event), ['customOAuthState', 'signInWithRedirect', 'signedIn'], JSON.stringify(events));
  assert.equal(events[0].data, 'from-test');
  assert.equal(events[2].data.username, USER);

  // The code exchange sent the verifier of the challenge.
  const tokenCalls = requests.slice(mark).filter((r) => r.url === `${stack.endpoint}/oauth2/token`);
  assert.equal(tokenCalls.length, 1);
  const form = new URLSearchParams(tokenCalls[0].body);
  assert.equal(form.get('grant_type'), 'authorization_code');
  assert.equal(form.get('code'), loadedUrl.searchParams.get('code'));
  assert.equal(form.get('client_id'), stack.pool.userPoolClientId);
  assert.equal(form.get('redirect_uri'), redirect);
  assert.match(form.get('code_verifier'), /^[A-Za-z0-9]{43,128}$/);
  assert.equal(s256(form.get('code_verifier')), q.get('code_challenge'));

  const user = await inPage(async (m) => m.getCurrentUser());
  assert.equal(user.ok.username, USER);
  assert.match(user.ok.userId, /^[0-9a-f-]{36}$/);
  assert.equal(await page.evaluate(() => window.firstUser), USER, 'a call made right after configure() waited for the completion');

  const s = await inPage(async (m) => {
    const s = await m.fetchAuthSession();
    return { access: s.tokens.accessToken.toString(), scope: s.tokens.accessToken.payload.scope, id: s.tokens.idToken?.payload, sub: s.userSub, identityId: s.identityId };
  });
  assert.equal(s.ok.sub, user.ok.userId);
  assert.match(s.ok.identityId, /^us-east-1:[0-9a-f-]{36}$/, 'the hosted UI id token gets identity pool credentials');
  assert.equal(s.ok.id['cognito:username'], USER);
  assert.match(s.ok.scope, /aws\.cognito\.signin\.user\.admin/);
  const me = await cognito('GetUser', { AccessToken: s.ok.access });
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.Username, USER);

  const st = await storage();
  assert.equal(st[`${prefix}.LastAuthUser`], USER);
  for (const k of ['accessToken', 'idToken', 'refreshToken']) assert.ok(st[`${prefix}.${USER}.${k}`], `${k} stored`);
  assert.equal(st[`${prefix}.${USER}.oauthMetadata`], '{"oauthSignIn":true}');
  assert.equal(st[`${prefix}.oauthSignIn`], 'true,false');
  assert.deepEqual(inflightKeys(st), [], 'the in-flight PKCE keys are gone');

  // Signed in already: no second redirect.
  const twice = await inPage(async (m) => m.signInWithRedirect());
  assert.equal(twice.error?.name, 'UserAlreadyAuthenticatedException');
  assert.equal(page.url(), redirect);

  // A reload does not complete anything again.
  await load();
  assert.deepEqual(await page.evaluate(() => window.events), []);
  assert.equal((await inPage(async (m) => m.getCurrentUser())).ok.username, USER);
});

test('signOut after a hosted UI sign-in: hosted UI /logout, back at the logout URI, storage cleared', async () => {
  if ((await inPage(async (m) => m.getCurrentUser())).error) {
    await signedOutFresh();
    await hostedSignIn();
  }
  // The hosted UI's refresh token works, and a refreshed session is still a hosted UI one.
  const before = (await inPage(async (m) => (await m.fetchAuthSession()).tokens.accessToken.toString())).ok;
  const refreshed = await inPage(async (m) => (await m.fetchAuthSession({ forceRefresh: true })).tokens.accessToken.toString());
  assert.ok(refreshed.ok, JSON.stringify(refreshed));
  assert.notEqual(refreshed.ok, before, 'new tokens');
  assert.equal((await storage())[`${prefix}.${USER}.oauthMetadata`], '{"oauthSignIn":true}');
  const access = refreshed.ok;
  assert.equal((await cognito('GetUser', { AccessToken: access })).status, 200);
  await page.evaluate(() => sessionStorage.removeItem('harness.events'));
  const logout = page.waitForRequest((r) => r.url().startsWith(`${stack.endpoint}/logout`));
  await andBack(() => page.evaluate(() => void window.m.signOut()));
  assert.deepEqual(await page.evaluate(() => JSON.parse(sessionStorage.getItem('harness.events'))), ['signedOut'], 'signedOut before leaving');
  const req = await logout;
  const u = new URL(req.url());
  assert.equal(u.searchParams.get('client_id'), stack.pool.userPoolClientId);
  assert.equal(u.searchParams.get('logout_uri'), redirect);
  const res = await req.response();
  assert.equal(res.status(), 302);
  assert.equal(res.headers().location, redirect);
  assert.equal(page.url(), redirect);

  const st = await storage();
  assert.deepEqual(Object.keys(st).filter((k) => k.startsWith(`${prefix}.`)), [], 'nothing of the session left');
  assert.deepEqual(inflightKeys(st), []);
  assert.equal((await inPage(async (m) => m.getCurrentUser())).error?.name, 'UserUnAuthenticatedException');
  const me = await cognito('GetUser', { AccessToken: access });
  assert.equal(me.status, 400, 'the refresh token was revoked, and its access tokens with it');
});

/**
 * Intercepts the hosted UI's login form post once and answers it with `answer(route, location)`,
 * where `location` is the redirect back to the app that ministack gave (?code=…&state=…).
 */
async function onLoginAnswer(answer) {
  await page.route(
    (u) => u.href === `${stack.endpoint}/login`,
    async (route) => {
      const res = await route.fetch({ maxRedirects: 0 });
      assert.equal(res.status(), 302, 'the hosted UI accepted the password');
      return answer(route, res.headers().location);
    },
    { times: 1 },
  );
}

test('the server checks PKCE: the code is refused with a wrong or missing verifier, accepted with ours', async () => {
  await signedOutFresh();
  // Keep the browser from going back to the app, so the code stays unused.
  let location;
  await onLoginAnswer((route, loc) => {
    location = new URL(loc);
    return route.fulfill({ contentType: 'text/html', body: '<p>held</p>' });
  });
  try {
    await startRedirect();
    await hostedLogin(USER, PASSWORD);
    await page.waitForFunction(() => document.body.textContent === 'held');
  } finally {
    await page.unrouteAll();
  }
  assert.equal(`${location.origin}${location.pathname}`, redirect);
  const code = location.searchParams.get('code');
  // A page of the app's origin without the package, to read the stored verifier.
  await page.goto(`${origin}/tests/browser/harness.html`);
  const verifier = await page.evaluate((k) => localStorage.getItem(k), `${prefix}.oauthPKCE`);
  assert.match(verifier, /^[A-Za-z0-9]{43,128}$/);
  const base = { grant_type: 'authorization_code', client_id: stack.pool.userPoolClientId, code, redirect_uri: redirect };

  const wrong = await tokenEndpoint({ ...base, code_verifier: 'A'.repeat(64) });
  assert.equal(wrong.status, 400);
  assert.equal(wrong.body.error, 'invalid_grant');
  assert.match(wrong.body.error_description, /PKCE/);
  const missing = await tokenEndpoint(base);
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error, 'invalid_grant');
  const ours = await tokenEndpoint({ ...base, code_verifier: verifier });
  assert.equal(ours.status, 200, JSON.stringify(ours.body));
  assert.ok(ours.body.access_token && ours.body.id_token && ours.body.refresh_token);
  await signedOutFresh();
});

test('configure() twice, and a second copy of the package, on the callback page: one code exchange, one signedIn', async () => {
  await signedOutFresh();
  await page.evaluate(() => sessionStorage.setItem('harness.twice', '1'));
  const mark = requests.length;
  let events;
  try {
    ({ events } = await hostedSignIn());
  } finally {
    await page.evaluate(() => sessionStorage.removeItem('harness.twice'));
  }
  // Let anything a second completion would do arrive.
  await page.waitForTimeout(300);
  events = await page.evaluate(() => window.events);
  assert.deepEqual(events.map((e) => e.event), ['signInWithRedirect', 'signedIn'], JSON.stringify(events));
  assert.equal(requests.slice(mark).filter((r) => r.url === `${stack.endpoint}/oauth2/token`).length, 1, 'the code is exchanged once');
  assert.equal((await inPage(async (m) => m.getCurrentUser())).ok?.username, USER);
  assert.equal(page.url(), redirect);
  await signedOutFresh();
});

test('a callback URL nobody is waiting for is cleaned and ignored', async () => {
  await signedOutFresh();
  const mark = requests.length;
  await page.goto(`${redirect}?code=stale-code&state=${'S'.repeat(32)}`);
  await page.waitForFunction(() => window.configured || window.configureError);
  assert.equal(await page.evaluate(() => window.firstUser), 'UserUnAuthenticatedException');
  assert.equal(page.url(), redirect, 'no ?code left in the address bar');
  assert.deepEqual(requests.slice(mark).filter((r) => r.url.includes('/oauth2/token')), [], 'nothing exchanged');
  assert.deepEqual(await page.evaluate(() => window.events), []);
});

test('a redirect back with a wrong state fails with OAuthSignInException, exchanges nothing and stores nothing', async () => {
  await signedOutFresh();
  const mark = requests.length;
  // A real code from the hosted UI, but the state is changed on the way back.
  await onLoginAnswer((route, loc) => {
    const u = new URL(loc);
    u.searchParams.set('state', 'Z'.repeat(32));
    return route.fulfill({ status: 302, headers: { location: u.href } });
  });
  try {
    await andBack(async () => {
      await startRedirect();
      await hostedLogin(USER, PASSWORD);
    });
  } finally {
    await page.unrouteAll();
  }
  const loaded = new URL(await page.evaluate(() => window.loadedUrl));
  assert.equal(loaded.searchParams.get('state'), 'Z'.repeat(32));
  assert.ok(loaded.searchParams.get('code'));
  const events = await completion();
  assert.deepEqual(events.map((e) => e.event), ['signInWithRedirect_failure'], JSON.stringify(events));
  assert.equal(events[0].data.error.name, 'OAuthSignInException');
  assert.equal(events[0].data.error.isAuthError, true);
  assert.match(events[0].data.error.message, /state/);
  assert.deepEqual(requests.slice(mark).filter((r) => r.url.includes('/oauth2/token')), [], 'the code was not exchanged');
  const st = await storage();
  assert.deepEqual(tokenKeys(st), []);
  assert.deepEqual(inflightKeys(st), [], 'in-flight keys cleared');
  assert.equal((await inPage(async (m) => m.getCurrentUser())).error?.name, 'UserUnAuthenticatedException');
  assert.equal(page.url(), redirect, 'the failed callback is cleaned from the address bar too');
});

test('a code the token endpoint refuses (already used) fails with the server\'s reason, nothing stored', async () => {
  await signedOutFresh();
  const mark = requests.length;
  // Hold the redirect back, redeem the code from Node (with the verifier the app stored),
  // then let the app have the redirect.
  let location;
  await onLoginAnswer((route, loc) => {
    location = loc;
    return route.fulfill({ contentType: 'text/html', body: '<p>held</p>' });
  });
  try {
    await startRedirect();
    await hostedLogin(USER, PASSWORD);
    await page.waitForFunction(() => document.body.textContent === 'held');
  } finally {
    await page.unrouteAll();
  }
  await page.goto(`${origin}/tests/browser/harness.html`);
  const verifier = await page.evaluate((k) => localStorage.getItem(k), `${prefix}.oauthPKCE`);
  const code = new URL(location).searchParams.get('code');
  const used = await tokenEndpoint({ grant_type: 'authorization_code', client_id: stack.pool.userPoolClientId, code, redirect_uri: redirect, code_verifier: verifier });
  assert.equal(used.status, 200, JSON.stringify(used.body));
  await page.goto(location);
  await page.waitForFunction(() => window.configured);
  const events = await completion();
  assert.deepEqual(events.map((e) => e.event), ['signInWithRedirect_failure'], JSON.stringify(events));
  const { error } = events[0].data;
  assert.equal(error.isAuthError, true);
  assert.match(`${error.name} ${error.message}`, /invalid_grant|Invalid or expired authorization code/);
  assert.equal(requests.slice(mark).filter((r) => r.url === `${stack.endpoint}/oauth2/token`).length, 1);
  const st = await storage();
  assert.deepEqual(tokenKeys(st), []);
  assert.deepEqual(inflightKeys(st), []);
  assert.equal(await page.evaluate(() => window.firstUser), 'UserUnAuthenticatedException');
});

/** Starts signInWithRedirect and answers its authorize request with `answer(authorizeUrl)` → a redirect URL. */
async function redirectAnsweredWith(answer, input) {
  let authorizeUrl;
  await page.route(
    (u) => u.href.startsWith(`${stack.endpoint}/oauth2/authorize`),
    (route) => {
      authorizeUrl = new URL(route.request().url());
      return route.fulfill({ status: 302, headers: { location: answer(authorizeUrl) } });
    },
    { times: 1 },
  );
  try {
    await andBack(() => startRedirect(input));
  } finally {
    await page.unrouteAll();
  }
  return { authorizeUrl, events: await completion() };
}

test('?error=access_denied&error_description=… fails with the description', async () => {
  await signedOutFresh();
  const { events } = await redirectAnsweredWith(
    (a) => `${redirect}?error=access_denied&error_description=${encodeURIComponent('The user said no.')}&state=${encodeURIComponent(a.searchParams.get('state'))}`,
  );
  assert.deepEqual(events.map((e) => e.event), ['signInWithRedirect_failure'], JSON.stringify(events));
  assert.equal(events[0].data.error.name, 'OAuthSignInException');
  assert.equal(events[0].data.error.message, 'The user said no.');
  assert.equal(page.url(), redirect, 'no ?error left in the address bar');
  const st = await storage();
  assert.deepEqual(tokenKeys(st), []);
  assert.deepEqual(inflightKeys(st), []);
});

test('back at the app with neither a code nor an error while a sign-in is in flight: "User cancelled OAuth flow."', async () => {
  await signedOutFresh();
  const { events } = await redirectAnsweredWith(() => redirect);
  assert.deepEqual(events.map((e) => e.event), ['signInWithRedirect_failure'], JSON.stringify(events));
  assert.equal(events[0].data.error.name, 'OAuthSignInException');
  assert.equal(events[0].data.error.message, 'User cancelled OAuth flow.');
  assert.deepEqual(inflightKeys(await storage()), []);
});

test('an error redirect made by the server (a scope the client does not allow) is reported', async () => {
  const cfg = structuredClone(stack.config);
  cfg.Auth.Cognito.loginWith.oauth.scopes.push('phone');
  await signedOutFresh(cfg);
  await andBack(() => startRedirect());
  const loaded = new URL(await page.evaluate(() => window.loadedUrl));
  assert.equal(loaded.searchParams.get('error'), 'invalid_request');
  const events = await completion();
  assert.deepEqual(events.map((e) => e.event), ['signInWithRedirect_failure'], JSON.stringify(events));
  assert.equal(events[0].data.error.name, 'OAuthSignInException');
  assert.match(events[0].data.error.message, /invalid_scope/);
  assert.deepEqual(inflightKeys(await storage()), []);
  await signedOutFresh();
});

test('implicit flow (responseType token): tokens in the fragment sign in', async () => {
  await signedOutFresh();
  // Real tokens from an SRP sign-in; the storage is then dropped without revoking them.
  const r = await inPage(async (m, a) => {
    await m.signIn({ username: a.user, password: a.password });
    const s = await m.fetchAuthSession();
    return { access: s.tokens.accessToken.toString(), id: s.tokens.idToken.toString() };
  }, { user: USER, password: PASSWORD });
  assert.ok(r.ok, JSON.stringify(r));
  const cfg = structuredClone(stack.config);
  cfg.Auth.Cognito.loginWith.oauth.responseType = 'token';
  await signedOutFresh(cfg);

  const mark = requests.length;
  const { authorizeUrl, events } = await redirectAnsweredWith(
    (a) =>
      `${redirect}#access_token=${r.ok.access}&id_token=${r.ok.id}&state=${encodeURIComponent(a.searchParams.get('state'))}&token_type=Bearer&expires_in=3600`,
    { customState: 'implicit: page=/settings?x=ü&y=1' },
  );
  assert.equal(authorizeUrl.searchParams.get('response_type'), 'token');
  assert.equal(authorizeUrl.searchParams.get('code_challenge'), null, 'no PKCE for the implicit flow');
  assert.deepEqual(events.map((e) => e.event), ['customOAuthState', 'signInWithRedirect', 'signedIn'], JSON.stringify(events));
  assert.equal(events[0].data, 'implicit: page=/settings?x=ü&y=1');
  assert.equal(page.url(), redirect, 'the fragment is cleaned');
  assert.deepEqual(requests.slice(mark).filter((q) => q.url.includes('/oauth2/token')), []);

  const user = await inPage(async (m) => m.getCurrentUser());
  assert.equal(user.ok.username, USER);
  const s = await inPage(async (m) => (await m.fetchAuthSession()).tokens.accessToken.toString());
  assert.equal(s.ok, r.ok.access);
  const st = await storage();
  assert.equal(st[`${prefix}.${USER}.accessToken`], r.ok.access);
  assert.equal(st[`${prefix}.${USER}.refreshToken`], undefined, 'no refresh token in the implicit flow');
  assert.equal(st[`${prefix}.${USER}.oauthMetadata`], '{"oauthSignIn":true}');
  assert.deepEqual(inflightKeys(st), []);
  await signedOutFresh();
});

/** The identity pool calls the page made since `mark`: [{ op, logins }]. */
const identityCalls = (mark) =>
  requests
    .slice(mark)
    .filter((r) => r.target?.startsWith('AWSCognitoIdentityService.'))
    .map((r) => {
      const body = JSON.parse(r.body);
      return { op: r.target.split('.')[1], logins: Object.keys(body.Logins ?? {}), identityId: body.IdentityId, pool: body.IdentityPoolId };
    });

const creds = (force) =>
  inPage(async (m, force) => {
    const s = await m.fetchAuthSession(force ? { forceRefresh: true } : undefined);
    const c = s.credentials;
    return {
      signedIn: s.tokens !== undefined,
      identityId: s.identityId,
      accessKeyId: c?.accessKeyId,
      secretAccessKey: c?.secretAccessKey,
      sessionToken: c?.sessionToken,
      isDate: c?.expiration instanceof Date,
      expiration: c?.expiration?.getTime(),
    };
  }, force);

function callerArn(c) {
  return execFileSync(join(process.env.MINISTACK_VENV ?? '/opt/ministack-venv', 'bin', 'python'), ['-c', `
import boto3, sys
sts = boto3.client('sts', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[2],
                   aws_secret_access_key=sys.argv[3], aws_session_token=sys.argv[4])
print(sts.get_caller_identity()['Arn'])
`, stack.endpoint, c.accessKeyId, c.secretAccessKey, c.sessionToken], { encoding: 'utf8' }).trim();
}

test('identity pool: guest credentials, cached, forceRefresh; user identity; sign-out forgets both', async () => {
  await signedOutFresh();
  const provider = `cognito-idp.us-east-1.amazonaws.com/${stack.pool.userPoolId}`;

  // Guest.
  let mark = requests.length;
  const guest = (await creds(false)).ok;
  assert.equal(guest.signedIn, false);
  assert.match(guest.identityId, /^us-east-1:[0-9a-f-]{36}$/);
  assert.match(guest.accessKeyId, /^[A-Z0-9]{16,}$/);
  assert.ok(guest.secretAccessKey && guest.sessionToken);
  assert.equal(guest.isDate, true, 'expiration is a Date');
  assert.ok(guest.expiration > Date.now() + 30 * 60_000, 'expiration in the future');
  assert.deepEqual(identityCalls(mark), [
    { op: 'GetId', logins: [], identityId: undefined, pool: stack.pool.identityPoolId },
    { op: 'GetCredentialsForIdentity', logins: [], identityId: guest.identityId, pool: undefined },
  ]);
  assert.match(callerArn(guest), /./, 'the credentials sign AWS calls');
  const guestKey = `com.amplify.Cognito.${stack.pool.identityPoolId}.identityId`;
  assert.equal((await storage())[guestKey], guest.identityId, 'the guest identity is kept in storage, as Amplify does');

  mark = requests.length;
  const again = (await creds(false)).ok;
  assert.deepEqual(again, guest, 'cached');
  assert.deepEqual(identityCalls(mark), [], 'no new identity pool calls');

  mark = requests.length;
  const forced = (await creds(true)).ok;
  assert.equal(forced.identityId, guest.identityId, 'the guest keeps its identity');
  assert.notEqual(forced.accessKeyId, guest.accessKeyId, 'new credentials');
  assert.deepEqual(identityCalls(mark).map((c) => c.op), ['GetCredentialsForIdentity']);

  // After a reload the stored guest identity is reused: credentials only, no GetId.
  await load();
  mark = requests.length;
  const reloadedGuest = (await creds(false)).ok;
  assert.equal(reloadedGuest.identityId, guest.identityId);
  assert.deepEqual(identityCalls(mark).map((c) => [c.op, c.identityId]), [['GetCredentialsForIdentity', guest.identityId]]);

  // Signed in (SRP).
  const signIn = await inPage(async (m, a) => m.signIn({ username: a.user, password: a.password }), { user: USER, password: PASSWORD });
  assert.equal(signIn.ok?.isSignedIn, true, JSON.stringify(signIn));
  mark = requests.length;
  const user = (await creds(false)).ok;
  assert.equal(user.signedIn, true);
  assert.match(user.identityId, /^us-east-1:[0-9a-f-]{36}$/);
  assert.notEqual(user.identityId, guest.identityId, 'not the guest identity');
  assert.notEqual(user.accessKeyId, forced.accessKeyId);
  assert.ok(user.isDate && user.expiration > Date.now());
  const calls = identityCalls(mark);
  assert.ok(calls.length >= 1 && calls.every((c) => c.logins.length === 1 && c.logins[0] === provider), JSON.stringify(calls));

  mark = requests.length;
  assert.deepEqual((await creds(false)).ok, user, 'cached for the user');
  assert.deepEqual(identityCalls(mark), []);
  await load();
  const reloaded = (await creds(false)).ok;
  assert.equal(reloaded.identityId, user.identityId, 'the same identity after a reload');

  // Signed out: a guest again, with a new guest identity.
  const logoutsBefore = logouts.length;
  const out = await inPage(async (m) => m.signOut());
  assert.equal(out.error, undefined, JSON.stringify(out));
  await page.waitForTimeout(200);
  assert.equal(logouts.length, logoutsBefore, 'an SRP session does not go to the hosted UI logout');
  assert.equal(page.url(), redirect);
  assert.equal((await storage())[guestKey], undefined, 'the stored guest identity is forgotten');
  mark = requests.length;
  const after = (await creds(false)).ok;
  assert.equal(after.signedIn, false);
  assert.notEqual(after.identityId, user.identityId, 'the user identity is not reused');
  assert.notEqual(after.identityId, guest.identityId, 'the guest identity was forgotten on sign-out');
  assert.notEqual(after.accessKeyId, user.accessKeyId);
  assert.deepEqual(identityCalls(mark).map((c) => [c.op, c.logins.length]), [
    ['GetId', 0],
    ['GetCredentialsForIdentity', 0],
  ]);
});

test('identity pool without guest access: a signed-out session has no credentials and makes no calls', async () => {
  const cfg = structuredClone(stack.config);
  cfg.Auth.Cognito.allowGuestAccess = false;
  await signedOutFresh(cfg);
  const mark = requests.length;
  const r = (await creds(false)).ok;
  assert.deepEqual(r, { signedIn: false, identityId: undefined, accessKeyId: undefined, secretAccessKey: undefined, sessionToken: undefined, isDate: false, expiration: undefined });
  assert.deepEqual(identityCalls(mark), []);
  // A signed-in user still gets credentials.
  const signIn = await inPage(async (m, a) => m.signIn({ username: a.user, password: a.password }), { user: USER, password: PASSWORD });
  assert.equal(signIn.ok?.isSignedIn, true, JSON.stringify(signIn));
  const user = (await creds(false)).ok;
  assert.match(user.identityId, /^us-east-1:/);
  assert.ok(user.accessKeyId);
  await inPage(async (m) => m.signOut());
  await signedOutFresh();
});

test('every call above ran on the typed modules: the hosted UI on oauth.js, credentials on identity.js; none needed the full input rules', () => {
  for (const m of ['driver.js', 'oauth.js', 'identity.js']) assert.ok(modules.includes(m), `${m} not fetched: ${modules.join()}`);
  assert.ok(!modules.includes('check.js'), `the full input rules (check.js) were fetched: ${modules.join()}`);
  // A password sign-in with no challenge was never needed here.
  assert.ok(!modules.includes('steps.js') && !modules.includes('device.js'), modules.join());
});
