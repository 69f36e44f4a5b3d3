// Packaging: `npm pack` the built package, install the tarball into an Angular CLI
// app like a user would, `ng build` it with no extra configuration, and sign in and
// out through the app's form in Chromium.
//
// Angular 21 is pinned: it is the newest major whose CLI runs on the machine's
// Node.js 20 (Angular 22 needs Node.js 22).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, timed, installFixture } from '../support/ui.mjs';

const work = join(root, 'target', 'angular-app');
const out = join(work, 'dist', 'angular-app', 'browser');
const env = { ...process.env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };
let stack, server, browser, page, buildWarnings;

before(async () => {
  installFixture('angular-app', undefined, { label: 'Angular app', env });
  // The CLI prints its chunk table on stdout, warnings and errors on stderr.
  const build = timed('ng build', () => spawnSync('npx', ['ng', 'build', '--progress=false'], { cwd: work, env, encoding: 'utf8' }));
  if (build.status !== 0) process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  assert.equal(build.status, 0, `ng build failed: ${build.error ?? build.stderr}`);
  buildWarnings = build.stderr.split('\n').filter((l) => /WARNING/.test(l));
  stack = await startStack({ users: ['nguser:Ng-Passw0rd!:ng@example.com'] });
  server = await startServer({ root: out, config: stack.config });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

test('the Angular CLI builds the app with no warning about the package', () => {
  // ng new's budgets (500 kB warning) are in the fixture: report, don't fail, on them.
  const other = buildWarnings.filter((l) => !/exceeded maximum budget/.test(l));
  assert.deepEqual(other, []);
  for (const l of buildWarnings) console.log(`# ${l.trim()}`);
});

test('an Angular-built app signs in and out with the packed tarball', async () => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  const signInButton = page.getByRole('button', { name: 'Sign in' });
  const alert = page.getByRole('alert');

  // A wrong password: the component shows the AuthError's name.
  await page.getByLabel('Username').fill('nguser');
  await page.getByLabel('Password').fill('Wrong-Passw0rd!');
  await signInButton.click();
  await alert.waitFor();
  assert.match(await alert.textContent(), /^NotAuthorizedException: /);

  // The right one.
  await page.getByLabel('Password').fill('Ng-Passw0rd!');
  await signInButton.click();
  await page.getByTestId('username').waitFor();
  assert.equal(await page.getByTestId('username').textContent(), 'nguser');
  const sub = await page.getByTestId('user-sub').textContent();
  assert.match(sub, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  assert.equal(await page.getByTestId('user-id').textContent(), sub);
  assert.equal(await alert.count(), 0);

  // The session outlives a reload.
  await page.reload();
  await page.getByTestId('username').waitFor();
  assert.equal(await page.getByTestId('user-sub').textContent(), sub);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signInButton.waitFor();
  assert.equal(await page.getByTestId('username').count(), 0);
  assert.equal(await alert.count(), 0);
  await page.reload();
  await signInButton.waitFor();
  await page.waitForFunction(() => !document.querySelector('button[type=submit]').disabled);
  assert.equal(await page.getByTestId('username').count(), 0);

  assert.deepEqual(errors, []);
  const js = readdirSync(out).filter((f) => f.endsWith('.js'));
  const bytes = js.reduce((n, f) => n + statSync(join(out, f)).size, 0);
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(out, f)), { level: 9 }).length, 0);
  console.log(`# Angular bundle (app + cognito-wasm, wasm inlined): ${bytes} bytes, ${gz} gzip`);
});
