// A SvelteKit app (tests/fixtures/sveltekit-app: @sveltejs/kit 3 with adapter-node, the
// packed cognito-wasm tarball) whose page imports cognito-wasm and cognito-wasm/ui and
// calls configure(): built with `vite build`, served by its own Node server (SvelteKit
// needs Node >= 22: the fixture brings one from npm). The server renders the page
// without an error; the browser upgrades the element and signs in against ministack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStack, freePort, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, timed, installFixture, serveApp } from '../support/ui.mjs';

const PASSWORD = 'Svelte-Passw0rd1';
let stack, app, browser, url, serverErrors;

before(async () => {
  stack = await startStack({ users: [`sveltie:${PASSWORD}:sveltie@example.com`] });
  const work = installFixture('sveltekit-app', stack.config, { label: 'SvelteKit app' });
  const node22 = join(work, 'node_modules', 'node', 'bin', 'node');
  const build = timed('vite build (SvelteKit)', () => spawnSync(node22, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { cwd: work, encoding: 'utf8' }));
  process.stderr.write(build.stderr ?? '');
  assert.equal(build.status, 0, `vite build failed: ${build.error ?? build.stderr}`);
  const port = await freePort();
  serverErrors = [];
  url = `http://127.0.0.1:${port}/`;
  app = await serveApp(node22, ['build'], { cwd: work, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1' }, url, stderr: 'pipe' });
  app.child.stderr.on('data', (d) => serverErrors.push(String(d)));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  app?.stop();
  stack?.stop();
});

test('the server renders the page that imports cognito-wasm and its UI, without an error', async () => {
  const r = await fetch(url);
  const html = await r.text();
  assert.equal(r.status, 200, html.slice(0, 500));
  assert.match(html, /<h1>SvelteKit<\/h1>/);
  assert.match(html, /<cognito-authenticator><\/cognito-authenticator>/);
  assert.deepEqual(serverErrors, []);
});

test('in the browser the element upgrades and signs in', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.getByLabel('Username', { exact: true }).fill('sveltie');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByText('Signed in as sveltie').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('Node 22 imports every framework-free entry of the installed tarball, and the process exits by itself', () => {
  const work = join(root, 'target', 'sveltekit-app');
  const node22 = join(work, 'node_modules', 'node', 'bin', 'node');
  const code = `
    const entries = ['cognito-wasm', 'cognito-wasm/ui', 'cognito-wasm/server', 'cognito-wasm/adapter-nextjs', 'cognito-wasm/ui-components', 'cognito-wasm/ui-components/loader'];
    for (const e of entries) await import(e);
    const m = await import('cognito-wasm');
    m.configure({ Auth: { Cognito: { userPoolId: 'us-east-1_AbC123', userPoolClientId: 'abc' } } });
    console.log(process.version, 'imported', entries.length);`;
  const r = spawnSync(node22, ['--input-type=module', '-e', code], { cwd: work, encoding: 'utf8', timeout: 20_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^v22\.\d+\.\d+ imported 6\n$/);
});
