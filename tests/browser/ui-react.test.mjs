// The Authenticator in a React app built with Vite: the Amplify guide's withAuthenticator
// example with only its imports changed, installed from the packed tarball, served under a
// strict CSP with Trusted Types, and driven in Chromium against ministack: sign-up and
// confirmation, sign-in and out, client-side checks, a wrong password, keyboard-only
// sign-in, a forced new password, forgot password, TOTP sign-in, TOTP set-up (faked
// Cognito replies: ministack has no MFA_SETUP), languages (RTL), dark mode, and axe-core
// on every screen. Screenshots go to test-results/ui/react-*.png.
import { test, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, timed, cspHeaders, watchCsp, screen, currentTotp, installFixture, authStatusIs, readQr } from '../support/ui.mjs';

const run = Date.now().toString(36);
let stack, work, server, browser, page, url, cspViolations, cognitoRequests;

before(async () => {
  stack = await startStack();
  const { config } = stack.addPool({
    mfa: 'OPTIONAL',
    users: ['keyuser:Key-Passw0rd1:key@example.com', 'forgetful:Old-Passw0rd1:forgetful@example.com', 'totpuser:Totp-Passw0rd1:totp@example.com'],
    tempUsers: ['newbie:Temp-Passw0rd1:newbie@example.com'],
  });
  // As the guide has it: the app imports its amplifyconfiguration.json.
  work = installFixture('react-vite', config, { label: 'React app' });
  timed('vite build', () => execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' }));
  server = await startServer({ root: join(work, 'dist'), headers: cspHeaders(stack.endpoint) });
  url = `http://127.0.0.1:${server.address().port}/`;
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && console.log(`# console: ${m.text()}`));
  cognitoRequests = [];
  page.on('request', (r) => r.url().startsWith(stack.endpoint) && cognitoRequests.push(r.postDataJSON?.() ?? {}));
  cspViolations = await watchCsp(page);
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

// What the page showed at the end of each test (for a failure's post-mortem).
afterEach(async (t) => {
  await page?.screenshot({ path: join(root, 'test-results', 'ui', `react-last-${t.name.replace(/\W+/g, '-').slice(0, 40)}.png`) }).catch(() => {});
});

const field = (name) => page.getByLabel(name, { exact: true });
const button = (name) => page.getByRole('button', { name, exact: true });
const alert = () => page.getByRole('alert');

async function signOutFromApp() {
  await button('Sign out').click();
  await field('Username').waitFor();
}

const status = () => page.getByLabel('auth status');
const statusIs = (text) => authStatusIs(page, text);

test('sign up, confirm with the code, signed in, sign out', async () => {
  await page.goto(url);
  await field('Username').waitFor();
  // useAuthenticator, outside the Authenticator, follows it, and its actions drive it.
  await statusIs('unauthenticated / signIn');
  // A selector limits re-renders to changes of what it selects (authStatus here).
  const statusRenders = () => page.getByLabel('authStatus renders').textContent();
  const rendersBefore = await statusRenders();
  assert.match(rendersBefore, /^unauthenticated \d+$/);
  await button('Open the sign-up form').click();
  await statusIs('unauthenticated / signUp');
  await field('Confirm Password').waitFor();
  await field('Confirm Password').fill('typing');
  await page.getByRole('tab', { name: 'Sign In' }).click();
  await statusIs('unauthenticated / signIn');
  assert.equal(await statusRenders(), rendersBefore, 'route changes and typing did not re-render it');
  assert.equal(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.name), 'username', 'focus on the first field');
  await screen(page, 'react-sign-in');

  await page.getByRole('tab', { name: 'Create Account' }).click();
  await field('Username').waitFor();
  await screen(page, 'react-sign-up');

  // Client-side checks: nothing is sent while the form is wrong.
  const sent = cognitoRequests.length;
  await field('Username').fill(`alice${run}`);
  await field('Password').fill('weak');
  await field('Confirm Password').fill('weaker');
  await field('Email').fill('not-an-email');
  await button('Create Account').click();
  const pwErrors = page.locator('cognito-authenticator').getByText('Password must have at least 8 characters');
  await pwErrors.waitFor();
  assert.match(await page.getByText(/Password must have at least 8 characters/).textContent(), /upper case letters.*numbers/);
  await page.getByText('Your passwords must match').waitFor();
  await page.getByText('Please enter a valid email').waitFor();
  assert.equal(await field('Password').getAttribute('aria-invalid'), 'true');
  const describedBy = await field('Password').getAttribute('aria-describedby');
  assert.match(await page.locator(`cognito-authenticator >> #${describedBy}`).textContent(), /at least 8/);
  await screen(page, 'react-sign-up-errors');
  assert.equal(cognitoRequests.length, sent, 'no request before the form is valid');

  await field('Password').fill('Alice-Passw0rd1');
  await field('Confirm Password').fill('Alice-Passw0rd1');
  await field('Email').fill(`alice${run}@example.com`);
  await button('Create Account').click();
  await field('Confirmation Code').waitFor();
  assert.equal(await field('Confirmation Code').getAttribute('autocomplete'), 'one-time-code');
  await screen(page, 'react-confirm-sign-up');

  await button('Resend Code').click();
  await page.getByRole('status').filter({ hasText: 'A new code is on its way.' }).waitFor();

  await field('Confirmation Code').fill('000000');
  await button('Confirm').click();
  await alert().filter({ hasText: /./ }).waitFor();
  // Cognito's own message, as Amplify UI shows it (an app's vocabulary may replace it).
  assert.equal(await alert().textContent(), 'Invalid verification code provided, please try again.');

  await field('Confirmation Code').fill('123456');
  await button('Confirm').click();
  // ministack leaves email_verified false after the confirmation (Cognito sets it), so the
  // Authenticator asks, as Amplify's does, to verify a contact; Skip goes on.
  await page.getByRole('heading', { name: 'Account recovery requires verified contact information' }).waitFor();
  assert.equal(await page.getByRole('radio', { name: `Email: alice${run}@example.com` }).isChecked(), true);
  await screen(page, 'react-verify-user');
  await button('Skip').click();
  await page.getByRole('heading', { name: `Hello alice${run}` }).waitFor();
  await statusIs('authenticated / authenticated');
  assert.match(await statusRenders(), /^authenticated \d+$/, 'a change of authStatus re-renders it');
  await screen(page, 'react-signed-in');

  await signOutFromApp();
  await statusIs('unauthenticated / signIn');
  assert.equal(await status().textContent(), 'unauthenticated / signIn');
  // The new account signs in with its password.
  await field('Username').fill(`alice${run}`);
  await field('Password').fill('Alice-Passw0rd1');
  await button('Sign in').click();
  await button('Skip').click();
  await page.getByRole('heading', { name: `Hello alice${run}` }).waitFor();
  await signOutFromApp();
});

test('a wrong password is explained in the alert region; one click, one request', async () => {
  await field('Username').fill('keyuser');
  await field('Password').fill('Wrong-Passw0rd1');
  const n = cognitoRequests.length;
  // Two clicks in the same task: the second one finds the form busy.
  await page.locator('cognito-authenticator').evaluate((el) => {
    const submit = el.shadowRoot.querySelector('button[type=submit]');
    submit.click();
    submit.click();
  });
  assert.equal(await button('Signing in…').getAttribute('aria-busy'), 'true');
  await alert().filter({ hasText: /./ }).waitFor();
  assert.equal(await alert().textContent(), 'Incorrect username or password.');
  assert.equal(cognitoRequests.slice(n).filter((r) => r.AuthFlow).length, 1, 'one InitiateAuth');
  await screen(page, 'react-wrong-password');
});

test('keyboard only: type, Tab, reveal the password, Enter; sign out with the keyboard', async () => {
  await page.goto(url);
  await field('Username').waitFor();
  await page.keyboard.type('keyuser');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Key-Passw0rd1');
  await page.keyboard.press('Tab'); // the show-password toggle
  const toggle = page.getByRole('button', { name: 'Show password' });
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.equal(await field('Password').getAttribute('type'), 'text');
  assert.equal(await page.locator('cognito-authenticator >> #announce').textContent(), 'Your password is shown.');
  await page.keyboard.press('Enter');
  assert.equal(await field('Password').getAttribute('type'), 'password');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter'); // submits the form
  await page.getByRole('heading', { name: 'Hello keyuser' }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter'); // "Sign out"
  await field('Username').waitFor();
  // Tabs: arrow keys move between Sign In and Create Account.
  await page.getByRole('tab', { name: 'Sign In' }).focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByRole('tab', { name: 'Create Account' }).getAttribute('aria-selected'), 'true');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByRole('tab', { name: 'Sign In' }).getAttribute('aria-selected'), 'true');
});

test('a refresh that fails for good (tokenRefresh_failure, session cleared) signs the Authenticator out', async () => {
  await page.goto(url);
  await field('Username').fill('keyuser');
  await field('Password').fill('Key-Passw0rd1');
  await button('Sign in').click();
  await page.getByRole('heading', { name: 'Hello keyuser' }).waitFor();
  // Cognito refuses the refresh token: the library clears the session and says tokenRefresh_failure.
  const events = await page.evaluate(async () => {
    const seen = [];
    const stop = window.auth.Hub.listen('auth', ({ payload }) => seen.push(payload.event));
    const k = Object.keys(localStorage).find((x) => x.endsWith('.refreshToken'));
    localStorage.setItem(k, 'not-a-refresh-token');
    await window.auth.fetchAuthSession({ forceRefresh: true });
    stop();
    return seen;
  });
  assert.ok(events.includes('tokenRefresh_failure'), events.join());
  await field('Username').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Hello keyuser' }).count(), 0);
});

test('a user with a temporary password sets a new one', async () => {
  await field('Username').fill('newbie');
  await field('Password').fill('Temp-Passw0rd1');
  await button('Sign in').click();
  await page.getByRole('heading', { name: 'Change Password' }).waitFor();
  assert.equal(await field('Password').getAttribute('autocomplete'), 'new-password');
  await screen(page, 'react-force-new-password');
  await field('Password').fill('Newbie-Passw0rd2');
  await field('Confirm Password').fill('Newbie-Passw0rd2');
  await button('Change Password').click();
  await page.getByRole('heading', { name: 'Hello newbie' }).waitFor();
  await signOutFromApp();
});

test('forgot password: code 654321, new password, back to sign-in, signed in with it', async () => {
  await button('Forgot your password?').click();
  await page.getByRole('heading', { name: 'Reset Password' }).waitFor();
  await screen(page, 'react-forgot-password');
  await field('Enter your username').fill('forgetful');
  await button('Send code').click();
  await field('Code *').waitFor();
  await screen(page, 'react-confirm-reset-password');
  await field('Code *').fill('654321');
  await field('New Password').fill('New-Passw0rd2');
  await field('Confirm Password').fill('New-Passw0rd2');
  await button('Submit').click();
  await page.getByRole('status').filter({ hasText: 'Your password has been changed.' }).waitFor();
  assert.equal(await field('Username').inputValue(), 'forgetful');
  await field('Password').fill('New-Passw0rd2');
  await button('Sign in').click();
  await page.getByRole('heading', { name: 'Hello forgetful' }).waitFor();
  await signOutFromApp();
});

test('TOTP: a user with an authenticator app is asked for its code', async () => {
  // Set TOTP up for the user through the API (the pool's MFA is optional), then sign out.
  await field('Username').fill('totpuser');
  await field('Password').fill('Totp-Passw0rd1');
  await button('Sign in').click();
  await page.getByRole('heading', { name: 'Hello totpuser' }).waitFor();
  const secret = await page.evaluate(async () => (await window.auth.setUpTOTP()).sharedSecret);
  const code = await currentTotp(secret);
  await page.evaluate(async (code) => {
    await window.auth.verifyTOTPSetup({ code });
    await window.auth.updateMFAPreference({ totp: 'PREFERRED' });
  }, code);
  await signOutFromApp();

  await field('Username').fill('totpuser');
  await field('Password').fill('Totp-Passw0rd1');
  await button('Sign in').click();
  await page.getByRole('heading', { name: 'Confirm TOTP Code' }).waitFor();
  await screen(page, 'react-confirm-sign-in-totp');
  await field('Code *').fill('12345');
  await button('Confirm').click();
  await page.getByText('Enter the 6-digit code').waitFor();
  // Cognito refuses a code used twice within its window: wait for the next step.
  await new Promise((r) => setTimeout(r, 30000 - (Date.now() % 30000) + 200));
  await field('Code *').fill(await currentTotp(secret));
  await button('Confirm').click();
  await page.getByRole('heading', { name: 'Hello totpuser' }).waitFor();
  await signOutFromApp();
});

test('TOTP set-up at sign-in: QR code of the otpauth URI and the secret (Cognito replies faked)', async () => {
  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const ctx = await browser.newContext();
  const p = await ctx.newPage();
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: '11111111-2222-4333-8444-555555555555', 'cognito:username': 'setupuser', username: 'setupuser', exp: now + 3600, iat: now, iss: 'x', token_use: 'access' };
  const jwt = (c) => `${b64({ alg: 'RS256', kid: 'k' })}.${b64(c)}.c2ln`;
  const seen = [];
  await p.route(`${stack.endpoint}/**`, async (route) => {
    const target = route.request().headers()['x-amz-target']?.split('.')[1];
    const body = route.request().postDataJSON() ?? {};
    seen.push(target);
    const reply = (json) => route.fulfill({ status: 200, contentType: 'application/x-amz-json-1.1', headers: { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'x-amzn-requestid' }, body: JSON.stringify(json) });
    if (target === 'InitiateAuth') {
      return reply({ ChallengeName: 'PASSWORD_VERIFIER', ChallengeParameters: { SALT: 'abcdef0123456789', SECRET_BLOCK: Buffer.from('secret-block').toString('base64'), SRP_B: 'f'.repeat(700) + '1', USERNAME: 'setupuser', USER_ID_FOR_SRP: 'setupuser' } });
    }
    if (target === 'RespondToAuthChallenge' && body.ChallengeName === 'PASSWORD_VERIFIER') {
      return reply({ ChallengeName: 'MFA_SETUP', Session: 'session-1', ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } });
    }
    if (target === 'AssociateSoftwareToken') return reply({ SecretCode: SECRET, Session: 'session-2' });
    if (target === 'VerifySoftwareToken') return reply({ Status: 'SUCCESS', Session: 'session-3' });
    if (target === 'RespondToAuthChallenge' && body.ChallengeName === 'MFA_SETUP') {
      return reply({ AuthenticationResult: { AccessToken: jwt(claims), IdToken: jwt({ ...claims, token_use: 'id', email: 's@example.com', email_verified: true }), RefreshToken: 'refresh', ExpiresIn: 3600, TokenType: 'Bearer' } });
    }
    if (target === 'GetUser') return reply({ Username: 'setupuser', UserAttributes: [{ Name: 'email', Value: 's@example.com' }, { Name: 'email_verified', Value: 'true' }, { Name: 'sub', Value: claims.sub }] });
    return route.fulfill({ status: 400, body: JSON.stringify({ __type: 'NotImplemented', message: target }) });
  });
  try {
    await p.goto(url);
    await p.getByLabel('Username', { exact: true }).fill('setupuser');
    await p.getByLabel('Password', { exact: true }).fill('Setup-Passw0rd1');
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await p.getByRole('heading', { name: 'Setup TOTP' }).waitFor();
    assert.equal(await p.getByTestId('totp-secret').textContent(), SECRET);
    // Read the QR code back (jsQR).
    assert.equal(await readQr(p.locator('cognito-authenticator .qr svg')), `otpauth://totp/AWSCognito:setupuser?secret=${SECRET}&issuer=AWSCognito`);
    await screen(p, 'react-setup-totp');
    await p.getByLabel('Code *', { exact: true }).fill(await currentTotp(SECRET));
    await p.getByRole('button', { name: 'Confirm', exact: true }).click();
    await p.getByRole('heading', { name: 'Hello setupuser' }).waitFor();
    assert.deepEqual(seen.slice(0, 5), ['InitiateAuth', 'RespondToAuthChallenge', 'AssociateSoftwareToken', 'VerifySoftwareToken', 'RespondToAuthChallenge']);
  } finally {
    await ctx.close();
  }
});

test('languages: Hebrew is right-to-left; French; dark mode', async () => {
  const p = await browser.newPage();
  try {
    await p.goto(`${url}?lang=he`);
    await p.getByRole('button', { name: 'כניסה', exact: true }).waitFor();
    assert.equal(await p.locator('cognito-authenticator .root').getAttribute('dir'), 'rtl');
    assert.equal(await p.locator('cognito-authenticator .root').getAttribute('lang'), 'he');
    await screen(p, 'react-sign-in-hebrew');
    await p.goto(`${url}?lang=fr`);
    await p.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
    await p.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await p.getByText('Ce champ est obligatoire').first().waitFor();
    await screen(p, 'react-sign-in-french');
    await p.goto(url);
    await p.locator('cognito-authenticator').evaluate((el) => (el.colorMode = 'dark'));
    await p.getByLabel('Username', { exact: true }).waitFor();
    await screen(p, 'react-sign-in-dark');
  } finally {
    await p.close();
  }
});

test('options: formFields, hideSignUp, social providers, modal variation, validateCustomSignUp', async () => {
  const p = await browser.newPage();
  try {
    await p.goto(url);
    await p.getByLabel('Username', { exact: true }).waitFor();
    await p.locator('cognito-authenticator').evaluate((el) => {
      el.formFields = {
        signIn: { username: { label: 'Your login', placeholder: 'e.g. alice' } },
        signUp: { email: { order: 1, label: 'Work email' }, 'custom:team': { label: 'Team', order: 2, isRequired: false } },
      };
      el.socialProviders = ['google', 'apple'];
      el.variation = 'modal';
      el.services = { validateCustomSignUp: (data) => (data.username === 'root' ? { username: 'This username is taken.' } : undefined) };
    });
    await p.getByLabel('Your login', { exact: true }).waitFor();
    assert.equal(await p.getByLabel('Your login', { exact: true }).getAttribute('placeholder'), 'e.g. alice');
    await p.getByRole('button', { name: 'Sign In with Google' }).waitFor();
    await p.getByRole('button', { name: 'Sign In with Apple' }).waitFor();
    await screen(p, 'react-sign-in-modal-social');
    await p.getByRole('tab', { name: 'Create Account' }).click();
    const labels = await p.locator('cognito-authenticator label').allTextContents();
    assert.deepEqual(labels.slice(0, 2), ['Work email', 'Team']);
    // As Amplify UI: the app's check runs as the person types; Create Account waits for it to pass.
    await p.getByLabel('Username', { exact: true }).fill('root');
    await p.getByText('This username is taken.').waitFor();
    assert.ok(await p.getByRole('button', { name: 'Create Account', exact: true }).isDisabled());
    await screen(p, 'react-sign-up-modal-custom-fields');
    await p.locator('cognito-authenticator').evaluate((el) => {
      el.hideSignUp = true;
      el.toSignIn();
    });
    await p.getByLabel('Your login', { exact: true }).waitFor();
    assert.equal(await p.getByRole('tab').count(), 0);
  } finally {
    await p.close();
  }
});

test('no CSP or Trusted Types violation; bundle size', async () => {
  assert.deepEqual(await cspViolations(), []);
  const assets = join(work, 'dist', 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  const gz = (f) => gzipSync(readFileSync(join(assets, f)), { level: 9 }).length;
  for (const f of files) console.log(`# ${f}: ${gz(f)} bytes gzip`);
});
