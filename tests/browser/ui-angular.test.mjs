// The Authenticator in an Angular 21 app built by the Angular CLI (application builder, AOT):
// the Amplify guide's <amplify-authenticator> example with <ng-template amplifySlot=
// "authenticated" let-user let-signOut>, only its imports changed, installed from the packed
// tarball, served under a strict CSP with Trusted Types, and driven in Chromium against
// ministack: sign up, confirm with the code, signed in, sign out, sign in again.
// Screenshots go to test-results/ui/angular-*.png.
//
// Angular 21 is pinned: the newest major whose CLI runs on the machine's Node.js 20.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, timed, cspHeaders, watchCsp, screen, installFixture } from '../support/ui.mjs';

const work = join(root, 'target', 'angular-ui');
const out = join(work, 'dist', 'angular-ui', 'browser');
const env = { ...process.env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };
const run = Date.now().toString(36);
let stack, server, browser, page, buildWarnings, cspViolations;

before(async () => {
  stack = await startStack();
  installFixture('angular-ui', stack.config, { label: 'Angular app', env });
  const build = timed('ng build', () => spawnSync('npx', ['ng', 'build', '--progress=false'], { cwd: work, env, encoding: 'utf8' }));
  if (build.status !== 0) process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  assert.equal(build.status, 0, `ng build failed: ${build.error ?? build.stderr}`);
  buildWarnings = build.stderr.split('\n').filter((l) => /WARNING/.test(l));
  server = await startServer({ root: out, headers: cspHeaders(stack.endpoint, ['angular', 'angular#unsafe-bypass']) });
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

test('the Angular CLI builds the app (AOT) with no warning about the package', () => {
  const other = buildWarnings.filter((l) => !/exceeded maximum budget/.test(l));
  assert.deepEqual(other, []);
  for (const l of buildWarnings) console.log(`# ${l.trim()}`);
});

test('an Angular app signs up, confirms, gets the authenticated template, signs out and in again', async () => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await field('Username').waitFor();
  await screen(page, 'angular-sign-in');
  await page.getByRole('tab', { name: 'Create Account' }).click();
  await field('Username').fill(`ng${run}`);
  await field('Password').fill('Ng-Passw0rd1');
  await field('Confirm Password').fill('Ng-Passw0rd1');
  await field('Email').fill(`ng${run}@example.com`);
  await button('Create Account').click();
  await field('Confirmation Code').fill('123456');
  await screen(page, 'angular-confirm-sign-up');
  await button('Confirm').click();
  // ministack leaves email_verified false after confirmation: the verify-contact screen, skipped.
  await button('Skip').click();
  await page.getByRole('heading', { name: `Welcome ng${run}!` }).waitFor();
  await screen(page, 'angular-signed-in');
  await button('Sign Out').click();
  await field('Username').fill(`ng${run}`);
  await field('Password').fill('Ng-Passw0rd1');
  await button('Sign in').click();
  await button('Skip').click();
  await page.getByRole('heading', { name: `Welcome ng${run}!` }).waitFor();
  await page.reload();
  await page.getByRole('heading', { name: `Welcome ng${run}!` }).waitFor();
  await button('Sign Out').click();
  await field('Username').waitFor();
  assert.deepEqual(errors, []);
  assert.deepEqual(await cspViolations(), []);
});
