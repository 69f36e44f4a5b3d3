// Angular SSR (tests/fixtures/angular-ssr: Angular 21 with @angular/ssr, as `ng add
// @angular/ssr` sets it up: Express server, per-request rendering, client hydration), the
// Amplify guide's <amplify-authenticator> example with its imports changed, installed from
// the packed tarball. The server renders the page that imports cognito-wasm and
// cognito-wasm/angular without an error; the browser hydrates it without a hydration
// warning, signs in against ministack, and signs out.
//
// Angular 21 is pinned: the newest major whose CLI runs on the machine's Node.js 20.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStack, freePort, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, timed, installFixture, serveApp } from '../support/ui.mjs';

const work = join(root, 'target', 'angular-ssr');
const env = { ...process.env, NG_CLI_ANALYTICS: 'false', NO_COLOR: '1', FORCE_COLOR: '0' };
const PASSWORD = 'Ssr-Passw0rd1';
let stack, app, browser, url, serverOutput;

before(async () => {
  stack = await startStack({ users: [`ssruser:${PASSWORD}:ssr@example.com`] });
  installFixture('angular-ssr', stack.config, { label: 'Angular SSR app', env });
  const build = timed('ng build (SSR)', () => spawnSync('npx', ['ng', 'build', '--progress=false'], { cwd: work, env, encoding: 'utf8' }));
  if (build.status !== 0) process.stdout.write(build.stdout ?? '');
  process.stderr.write(build.stderr ?? '');
  assert.equal(build.status, 0, `ng build failed: ${build.error ?? build.stderr}`);
  const port = await freePort();
  url = `http://127.0.0.1:${port}/`;
  serverOutput = [];
  app = await serveApp(process.execPath, [join(work, 'dist', 'angular-ssr', 'server', 'server.mjs')], { cwd: work, env: { ...env, PORT: String(port) }, url, stderr: 'pipe' });
  app.child.stderr.on('data', (d) => serverOutput.push(String(d)));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  app?.stop();
  stack?.stop();
});

test('the server renders the page that imports cognito-wasm and cognito-wasm/angular, without an error', async () => {
  const r = await fetch(url);
  const html = await r.text();
  assert.equal(r.status, 200, html.slice(0, 500));
  // Rendered on the server (not the client-side-rendering fallback): the component's host is in the HTML.
  assert.match(html, /<app-root [^>]*ng-server-context="ssr"[^>]*><amplify-authenticator ngh=/);
  assert.deepEqual(serverOutput, []);
});

test('in the browser the page hydrates without a warning, signs in and signs out', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // A missing resource is reported below, with its URL.
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) problems.push(`${m.type()}: ${m.text()}`);
  });
  // The fixture has no favicon, as none is needed; anything else missing is a finding.
  page.on('response', (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== '/favicon.ico') problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.goto(url);
  const field = (name) => page.getByLabel(name, { exact: true });
  await field('Username').fill('ssruser');
  await field('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Welcome ssruser!' }).waitFor();
  await page.getByRole('button', { name: 'Sign Out', exact: true }).click();
  await field('Username').waitFor();
  assert.deepEqual(problems, []);
  await page.close();
});
