// A Nuxt app (tests/fixtures/nuxt-app: nuxt 4, SSR on, the packed cognito-wasm tarball)
// whose app.vue imports cognito-wasm and cognito-wasm/vue and calls configure() at module
// top level: built with `nuxt build`, its Nitro server (.output/server/index.mjs) run on
// the fixture's own Node (Nuxt 4 needs Node >= 22). The server renders the page without an
// error; the browser hydrates it without a mismatch, and the Authenticator signs in and out
// against ministack.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startStack, freePort, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { timed, installFixture, serveApp } from '../support/ui.mjs';

const PASSWORD = 'Nuxt-Passw0rd1';
// No telemetry prompt or upload, from the build or from Nuxt's CLI.
const env = { ...process.env, NUXT_TELEMETRY_DISABLED: '1' };
let stack, app, browser, url, serverErrors;

before(async () => {
  stack = await startStack({ users: [`nuxtie:${PASSWORD}:nuxtie@example.com`] });
  const work = installFixture('nuxt-app', stack.config, { label: 'Nuxt app', env });
  const node22 = join(work, 'node_modules', 'node', 'bin', 'node');
  // Nuxt's own bin (no npx: it could go to the registry); its progress output is noise here.
  const build = timed('nuxt build', () => spawnSync(node22, ['node_modules/nuxt/bin/nuxt.mjs', 'build'], { cwd: work, env, encoding: 'utf8' }));
  process.stderr.write(build.stderr ?? '');
  assert.equal(build.status, 0, `nuxt build failed: ${build.error ?? `${build.stdout}\n${build.stderr}`}`);
  const port = await freePort();
  serverErrors = [];
  url = `http://127.0.0.1:${port}/`;
  app = await serveApp(node22, ['.output/server/index.mjs'], {
    cwd: work,
    env: { ...env, NITRO_HOST: '127.0.0.1', NITRO_PORT: String(port) },
    url,
    stderr: 'pipe',
  });
  app.child.stderr.on('data', (d) => serverErrors.push(String(d)));
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  app?.stop();
  stack?.stop();
});

test('the server renders the page that imports cognito-wasm and cognito-wasm/vue, without an error', async () => {
  const r = await fetch(url);
  const html = await r.text();
  assert.equal(r.status, 200, html.slice(0, 500));
  assert.match(html, /<h1>Nuxt<\/h1>/);
  // Signed out on the server: the Authenticator renders its element (Vue's empty comments
  // stand for the header, default and footer slots), the default slot's content does not.
  assert.match(html, /<cognito-authenticator>(<!---->)*<\/cognito-authenticator>/);
  assert.doesNotMatch(html, /Signed in as/);
  assert.deepEqual(serverErrors, []);
});

test('in the browser the page hydrates without a mismatch, signs in and signs out', async () => {
  const page = await browser.newPage();
  const errors = [];
  const warnings = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => ['warning', 'error'].includes(m.type()) && warnings.push(`${m.type()}: ${m.text()}`));
  await page.goto(url);
  // Vue sets __vue_app__ on the container after hydrating it, so any mismatch is logged by then
  // (a later one would still fail the last check below).
  await page.waitForFunction(() => document.querySelector('#__nuxt')?.__vue_app__);
  assert.deepEqual(warnings.filter((w) => /hydrat/i.test(w)), [], 'hydration mismatch');
  await page.getByLabel('Username', { exact: true }).fill('nuxtie');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  // By id: the element's own signed-in view (slot fallback in its shadow root) has the same text.
  const signedIn = page.locator('#signed-in');
  await signedIn.waitFor();
  assert.equal(await signedIn.textContent(), 'Signed in as nuxtie');
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await page.getByLabel('Username', { exact: true }).waitFor();
  assert.equal(await signedIn.count(), 0);
  assert.deepEqual(errors, []);
  assert.deepEqual(warnings, []);
  assert.deepEqual(serverErrors, []);
  await page.close();
});
