// The guide's third web setup: Amplify's legacy web components (@aws-amplify/ui-components)
// with only the imports changed to cognito-wasm/ui-components. A Vue 2.7 app written as the
// guide writes it (Vue.config.ignoredElements, applyPolyfills().then(defineCustomElements),
// <amplify-authenticator> around the app with <amplify-sign-out> inside), built with Vite
// from the packed tarball and served under a strict CSP; and a plain HTML page loading the
// package's files directly. Both sign in against ministack, show the wrapped content, and
// sign out with <amplify-sign-out>.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { timed, cspHeaders, watchCsp, installFixture } from '../support/ui.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PASSWORD = 'Legacy-Passw0rd1';
let stack, vueServer, plainServer, browser;

before(async () => {
  stack = await startStack({ users: [`legacy:${PASSWORD}:legacy@example.com`] });
  const work = installFixture('vue2-app', stack.config, { label: 'Vue 2 app' });
  timed('vite build (Vue 2)', () => execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' }));
  vueServer = await startServer({ root: join(work, 'dist'), headers: cspHeaders(stack.endpoint) });
  plainServer = await startServer({ root, config: stack.config });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  vueServer?.close();
  plainServer?.close();
  stack?.stop();
});

/** Signs in through <amplify-authenticator>, sees the wrapped content, signs out with <amplify-sign-out>. */
async function signInAndOut(page) {
  const field = (name) => page.getByLabel(name, { exact: true });
  await field('Username').fill('legacy');
  await field('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('My App').waitFor();
  assert.ok(await page.getByText('My App').isVisible());
  await page.getByRole('button', { name: 'Sign Out', exact: true }).click();
  await field('Username').waitFor();
  assert.equal(await page.getByText('My App').isVisible(), false, 'the wrapped content is hidden once signed out');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')).length), 0);
}

test('a Vue 2.7 app written as the guide writes it signs in and out (built by Vite, strict CSP)', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && errors.push(m.text()));
  // No favicon in the fixture, as none is needed; anything else missing is a finding.
  page.on('response', (r) => r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico' && errors.push(`HTTP ${r.status()} ${r.url()}`));
  const csp = await watchCsp(page);
  await page.goto(`http://127.0.0.1:${vueServer.address().port}/`);
  await signInAndOut(page);
  assert.deepEqual(errors, []);
  assert.deepEqual(await csp(), []);
  await page.close();
});

test('a plain HTML page with the loader from the package signs in and out', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${plainServer.address().port}/tests/browser/legacy-components.html`);
  await signInAndOut(page);
  assert.equal(await page.evaluate(() => customElements.get('amplify-sign-out') !== undefined && customElements.get('amplify-authenticator') !== undefined), true);
  assert.deepEqual(errors, []);
  await page.close();
});
