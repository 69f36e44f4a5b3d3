// Packaging: `npm pack` the built package, install the tarball into a Vite app like
// a user would, build it with no extra configuration, and sign in from the bundle.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { root, packTarball } from '../support/ui.mjs';

const work = join(root, 'target', 'vite-app');
const VITE = '8.3.8';
let stack, server, browser, page;

before(async () => {
  rmSync(work, { recursive: true, force: true });
  cpSync(join(root, 'tests', 'fixtures', 'vite-app'), work, { recursive: true });
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', packTarball(), `vite@${VITE}`], { cwd: work, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: work, stdio: 'inherit' });
  stack = await startStack({ users: ['viteuser:Vite-Passw0rd!:vite@example.com'] });
  server = await startServer({ root: join(work, 'dist'), config: stack.config });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

test('a Vite-built app signs in with the packed tarball', async () => {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'ready');
  const r = await page.evaluate(async () => {
    const res = await window.app.signIn({ username: 'viteuser', password: 'Vite-Passw0rd!' });
    const user = await window.app.getCurrentUser();
    const s = await window.app.fetchAuthSession();
    await window.app.signOut();
    return { res, user, sub: s.userSub };
  });
  assert.deepEqual(r.res, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  assert.equal(r.user.username, 'viteuser');
  assert.equal(r.sub, r.user.userId);
  assert.deepEqual(errors, []);
  const assets = join(work, 'dist', 'assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const bytes = js.reduce((n, f) => n + statSync(join(assets, f)).size, 0);
  const gz = js.reduce((n, f) => n + gzipSync(readFileSync(join(assets, f)), { level: 9 }).length, 0);
  console.log(`# Vite bundle (app + cognito-wasm, wasm inlined): ${bytes} bytes, ${gz} gzip`);
});
