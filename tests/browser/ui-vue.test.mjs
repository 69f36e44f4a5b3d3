// The Authenticator in a Vue app built with Vite and @vitejs/plugin-vue: the Amplify guide's
// <authenticator> example with only its imports changed, installed from the packed tarball,
// served under a strict CSP with Trusted Types, and driven in Chromium against ministack:
// sign up, confirm with the code, signed in (the default slot gets user and signOut), sign
// out, sign in again. Screenshots go to test-results/ui/vue-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { timed, cspHeaders, watchCsp, screen, installFixture, authStatusIs } from '../support/ui.mjs';

const run = Date.now().toString(36);
let stack, work, server, browser, page, cspViolations;

before(async () => {
  stack = await startStack();
  work = installFixture('vue-vite', stack.config, { label: 'Vue app' });
  timed('vite build', () => execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' }));
  server = await startServer({ root: join(work, 'dist'), headers: cspHeaders(stack.endpoint, ['vue']) });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  page.on('pageerror', (e) => console.log(`# page error: ${e.message}`));
  cspViolations = await watchCsp(page);
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

const field = (name) => page.getByLabel(name, { exact: true });
const button = (name) => page.getByRole('button', { name, exact: true });
const statusIs = (text) => authStatusIs(page, text);

test('a Vue app signs up, confirms, is signed in with the slot, signs out and in again', async () => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await field('Username').waitFor();
  // useAuthenticator follows the Authenticator from outside it.
  await statusIs('unauthenticated / signIn');
  await screen(page, 'vue-sign-in');
  await page.getByRole('tab', { name: 'Create Account' }).click();
  await field('Username').fill(`vue${run}`);
  await field('Password').fill('Vue-Passw0rd1');
  await field('Confirm Password').fill('Vue-Passw0rd1');
  await field('Email').fill(`vue${run}@example.com`);
  await button('Create Account').click();
  await field('Confirmation Code').fill('123456');
  await screen(page, 'vue-confirm-sign-up');
  await button('Confirm').click();
  // ministack leaves email_verified false after confirmation: the verify-contact screen, skipped.
  await button('Skip').click();
  await page.getByRole('heading', { name: `Hello vue${run}!` }).waitFor();
  await statusIs('authenticated / authenticated');
  await screen(page, 'vue-signed-in');
  await button('Sign Out').click();
  await field('Username').fill(`vue${run}`);
  await field('Password').fill('Vue-Passw0rd1');
  await button('Sign in').click();
  await button('Skip').click();
  await page.getByRole('heading', { name: `Hello vue${run}!` }).waitFor();
  // The session outlives a reload: straight to the slot.
  await page.reload();
  await page.getByRole('heading', { name: `Hello vue${run}!` }).waitFor();
  await button('Sign Out').click();
  await field('Username').waitFor();
  await statusIs('unauthenticated / signIn');
  assert.deepEqual(errors, []);
  assert.deepEqual(await cspViolations(), []);
});
