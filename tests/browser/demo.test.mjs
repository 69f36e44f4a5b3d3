// The demo page (www/) driven like a person would: clicks and typing only, in
// headless Chromium against ministack, served under the strict CSP we promise works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = join(root, 'test-results', 'demo');
const run = Date.now().toString(36);
const PASSWORD = 'Correct-Horse-9';
const DEMO_PASSWORD = 'Demo-Passw0rd!';
let stack, server, browser, page, origin;
const problems = []; // uncaught page errors and CSP violations

before(async () => {
  mkdirSync(shots, { recursive: true });
  // The server first: the hosted UI's callback URL is the demo page's exact URL, so the
  // pool is made once the port is known; the config and CSP are filled in after.
  const config = {};
  const headers = {};
  server = await startServer({ root, config, headers });
  origin = `http://127.0.0.1:${server.address().port}`;
  stack = await startStack({ users: [`demo:${DEMO_PASSWORD}:demo@example.com`], oauth: [`${origin}/www/`], identityPool: true });
  Object.assign(config, stack.config);
  const csp = [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    `connect-src 'self' ${stack.endpoint}`,
    "style-src 'self'",
    "img-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
  headers['content-security-policy'] = csp;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 960, height: 760 } });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  await page.goto(`${origin}/www/`);
  await idle();
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
const visible = (sel) => page.locator(sel).waitFor({ state: 'visible' });
const text = (sel) => page.locator(sel).innerText();
const idle = () => page.waitForSelector('body[aria-busy="false"]');

/** Waits until the alert region shows `name`, and returns its text. */
async function alertShows(name) {
  await page.waitForFunction((n) => document.getElementById('error').textContent.includes(n), name);
  const box = page.locator('#error');
  assert.equal(await box.getAttribute('role'), 'alert');
  assert.ok(await box.isVisible(), 'alert region visible');
  return box.innerText();
}

async function fillSignIn(username, password, flow = 'USER_SRP_AUTH') {
  await page.fill('#signin-username', username);
  await page.fill('#signin-password', password);
  await page.selectOption('#signin-flow', flow);
}

async function signUp(username) {
  await page.click('#nav-signup');
  await visible('#view-signup');
  await page.fill('#signup-username', username);
  await page.fill('#signup-email', `${username}@example.com`);
  await page.fill('#signup-password', PASSWORD);
  await page.click('#signup-submit');
  await visible('#view-confirm');
}

const claim = (table, name) => text(`#${table} tr[data-claim="${name}"] td`);

test('sign up, wrong then right code, sign in, reload, sign out', async () => {
  const username = `dana${run}`;
  await visible('#view-signin');
  await shot('01-sign-in');

  await page.click('#nav-signup');
  await visible('#view-signup');
  await page.fill('#signup-username', username);
  await page.fill('#signup-email', `${username}@example.com`);
  await page.fill('#signup-password', PASSWORD);
  await shot('02-sign-up');
  await page.click('#signup-submit');
  await visible('#view-confirm');
  await idle();
  assert.equal(await page.inputValue('#confirm-username'), username);
  assert.match(await text('#status'), /confirmation code/);
  await shot('03-confirm-sign-up');

  await page.fill('#confirm-code', '000000');
  await page.click('#confirm-submit');
  const err = await alertShows('CodeMismatchException');
  assert.ok(err.split('\n').filter(Boolean).length >= 3, `name, message and suggestion shown: ${err}`);
  assert.ok(await page.locator('#view-confirm').isVisible(), 'still on the confirm form');
  await shot('04-wrong-code');

  await page.click('#resend-code');
  await page.waitForFunction(() => /new code was sent/.test(document.getElementById('status').textContent));
  assert.equal(await text('#error'), '', 'the old error is cleared');

  await page.fill('#confirm-code', '123456');
  await page.click('#confirm-submit');
  await visible('#view-signin');
  assert.equal(await page.inputValue('#signin-username'), username, 'username carried over');
  assert.match(await text('#status'), /confirmed/);

  // Record whether the controls were disabled while the call ran (it may be quick).
  await page.evaluate(() => {
    window.sawBusy = false;
    new MutationObserver(() => {
      if (document.body.getAttribute('aria-busy') === 'true' && document.getElementById('signin-submit').disabled) window.sawBusy = true;
    }).observe(document.body, { attributes: true, subtree: true });
  });
  await page.fill('#signin-password', PASSWORD);
  await page.click('#signin-submit');
  await visible('#signed-in');
  await idle();
  assert.equal(await page.evaluate(() => window.sawBusy), true, 'busy state with disabled buttons');
  assert.equal(await text('#user-username'), username);
  const userId = await text('#user-id');
  assert.match(userId, /^[0-9a-f-]{36}$/);
  assert.equal(await claim('id-claims', 'sub'), userId);
  assert.equal(await claim('id-claims', 'cognito:username'), username);
  assert.equal(await claim('access-claims', 'token_use'), 'access');
  assert.match(await text('#user-details'), /USER_SRP_AUTH/);
  assert.equal(await page.locator('#nav').isVisible(), false);
  await shot('05-signed-in');

  await page.reload();
  await visible('#signed-in');
  await idle();
  assert.equal(await text('#user-username'), username, 'session restored after reload');
  assert.equal(await claim('id-claims', 'sub'), userId);

  await page.click('#signout');
  await visible('#view-signin');
  await idle();
  assert.equal(await page.locator('#signed-in').isVisible(), false);
  assert.equal(await page.locator('#id-claims tbody tr').count(), 0, 'claims removed from the page');
  assert.match(await text('#status'), /Signed out/);
  await shot('06-signed-out');
  assert.deepEqual(problems, []);
});

test('wrong password shows NotAuthorizedException', async () => {
  await fillSignIn('demo', 'Wrong-Passw0rd!');
  await page.click('#signin-submit');
  const err = await alertShows('NotAuthorizedException');
  assert.match(err, /HTTP 400/);
  assert.ok(await page.locator('#view-signin').isVisible());
  await idle();
  await shot('07-wrong-password');
  assert.deepEqual(problems, []);
});

test('USER_PASSWORD_AUTH sign-in, then sign out everywhere', async () => {
  await fillSignIn('demo', DEMO_PASSWORD, 'USER_PASSWORD_AUTH');
  await page.click('#signin-submit');
  await visible('#signed-in');
  await idle();
  assert.equal(await text('#error'), '', 'the earlier error is cleared');
  assert.equal(await text('#user-username'), 'demo');
  assert.match(await text('#user-details'), /USER_PASSWORD_AUTH/);
  await page.click('#signout-global');
  await visible('#view-signin');
  assert.match(await text('#status'), /all devices/);
  assert.deepEqual(problems, []);
});

test('signing in before confirming goes to the confirm form', async () => {
  const username = `erin${run}`;
  await signUp(username);
  await page.click('#nav-signin');
  await fillSignIn(username, PASSWORD);
  await page.click('#signin-submit');
  await visible('#view-confirm');
  await idle();
  assert.equal(await page.inputValue('#confirm-username'), username);
  assert.match(await text('#status'), /not confirmed/);
  await shot('08-sign-in-unconfirmed');

  await page.fill('#confirm-code', '123456');
  await page.click('#confirm-submit');
  await visible('#view-signin');
  await fillSignIn(username, PASSWORD);
  await page.click('#signin-submit');
  await visible('#signed-in');
  assert.equal(await text('#user-username'), username);
  await page.click('#signout');
  await visible('#view-signin');
  assert.deepEqual(problems, []);
});

test('temporary password: the confirm sign-in form sets a new one', async () => {
  // An admin-created user must choose a new password (NEW_PASSWORD_REQUIRED).
  const username = `fay${run}`;
  execFileSync(join(process.env.MINISTACK_VENV ?? '/opt/ministack-venv', 'bin', 'python'), ['-c', `
import boto3, sys
idp = boto3.client('cognito-idp', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='test', aws_secret_access_key='test')
idp.admin_create_user(UserPoolId=sys.argv[2], Username=sys.argv[3], TemporaryPassword='Temp-Passw0rd1', MessageAction='SUPPRESS',
                      UserAttributes=[{'Name': 'email', 'Value': 'fay@example.com'}])
`, stack.endpoint, stack.pool.userPoolId, username]);
  await fillSignIn(username, 'Temp-Passw0rd1');
  await page.click('#signin-submit');
  await visible('#view-challenge');
  await idle();
  assert.match(await text('#challenge-step'), /CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED/);
  assert.equal(await page.getAttribute('#challenge-response', 'type'), 'password');
  await page.fill('#challenge-response', PASSWORD);
  await shot('09-new-password');
  await page.click('#challenge-submit');
  await visible('#signed-in');
  assert.equal(await text('#user-username'), username);
  await page.click('#signout');
  await visible('#view-signin');
  assert.deepEqual(problems, []);
});

test('the hosted UI button: sign in on the hosted page, back to the signed-in view with AWS credentials', async () => {
  await visible('#view-signin');
  const button = page.locator('#signin-hosted');
  assert.ok(await button.isVisible(), 'shown since the config has loginWith.oauth');
  await shot('10-hosted-ui-button');
  await button.click();
  await page.waitForURL((u) => u.href.startsWith(`${stack.endpoint}/oauth2/authorize`));
  const q = new URL(page.url()).searchParams;
  assert.equal(q.get('redirect_uri'), `${origin}/www/`);
  assert.equal(q.get('code_challenge_method'), 'S256');
  await page.fill('#username', 'demo');
  await page.fill('#password', DEMO_PASSWORD);
  await shot('11-hosted-ui-page');
  await page.click('button[type=submit]');
  await page.waitForURL((u) => u.href.startsWith(`${origin}/www/`));
  await visible('#signed-in');
  await idle();
  assert.equal(page.url(), `${origin}/www/`, 'the code is removed from the address bar');
  assert.equal(await text('#error'), '');
  assert.equal(await text('#user-username'), 'demo');
  assert.equal(await claim('access-claims', 'username'), 'demo');
  assert.match(await claim('access-claims', 'scope'), /openid/);
  assert.match(await text('#user-identity-id'), /^us-east-1:[0-9a-f-]{36}$/);
  const expiry = Date.parse(await page.getAttribute('#user-credentials-expiry', 'datetime'));
  assert.ok(expiry > Date.now(), 'credentials expire in the future');
  assert.ok(await page.locator('#user-credentials-expiry').isVisible());
  await shot('12-hosted-ui-signed-in');

  // Signing out goes through the hosted UI's logout and comes back to the demo.
  const logout = page.waitForRequest((r) => r.url().startsWith(`${stack.endpoint}/logout?`));
  const back = page.waitForEvent('framenavigated', (f) => f === page.mainFrame() && f.url() === `${origin}/www/`);
  await page.click('#signout');
  const u = new URL((await logout).url());
  assert.equal(u.searchParams.get('logout_uri'), `${origin}/www/`);
  assert.equal(u.searchParams.get('client_id'), stack.pool.userPoolClientId);
  await back;
  await page.waitForLoadState();
  await idle();
  await visible('#view-signin');
  await idle();
  assert.equal(await page.locator('#signed-in').isVisible(), false);
  assert.deepEqual(problems, []);
});
