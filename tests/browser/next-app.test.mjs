// A real Next.js app (tests/fixtures/next-app: next@16, app router) with the packed
// cognito-wasm tarball, built with `next build` and served with `next start`, against
// ministack: the Authenticator signs in on a client page (`configure(config, { ssr: true })`:
// tokens in cookies), a server component and route handlers (Node.js and Edge runtimes; the
// Edge one in a sandbox made as strict as deployed edge hosts, tests/support/strict-edge.cjs)
// read the user through cognito-wasm/adapter-nextjs, and Next's proxy (Node.js runtime) guards a page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStack, freePort, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import { timed, installFixture, serveApp } from '../support/ui.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const USERS = { ann: 'Ann-Passw0rd1', bob: 'Bob-Passw0rd1' };
let stack, next, browser, url, prefix, work, env, strict;

before(async () => {
  stack = await startStack();
  const { config } = stack.addPool({ users: Object.entries(USERS).map(([u, p]) => `${u}:${p}:${u}@example.com`) });
  prefix = `CognitoIdentityServiceProvider.${config.Auth.Cognito.userPoolClientId}`;
  env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  work = installFixture('next-app', config, { label: 'Next.js app', env });
  timed('next build', () => execFileSync('npx', ['next', 'build'], { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] }));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // Its edge sandbox as strict as a deployed edge host: no WebAssembly compiled from bytes.
  strict = { ...env, NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${join(here, '..', 'support', 'strict-edge.cjs')}`.trim() };
  next = await serveApp('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: work, env: strict, url: `${url}/protected` });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  next?.stop();
  stack?.stop();
});

/**
 * A new browser (context) with `user` signed in through the Authenticator, or nobody.
 * `problems`: the page's errors and console errors and warnings (a hydration mismatch is one).
 */
async function visitor(user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if ((m.type() === 'error' || m.type() === 'warning') && !/Failed to load resource/.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  if (user) {
    await page.goto(`${url}/`);
    await page.getByLabel('Username', { exact: true }).fill(user);
    await page.getByLabel('Password', { exact: true }).fill(USERS[user]);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: `Hello ${user}` }).waitFor();
  }
  return { context, page, problems };
}

const serverUser = async (page) => {
  await page.goto(`${url}/server`);
  return page.locator('#server-user').textContent();
};
const whoami = async (context) => (await context.request.get(`${url}/api/whoami`)).json();

test('signed out: the server sees nobody and the proxy sends /protected back to the sign-in page', async () => {
  const { context, page } = await visitor(null);
  assert.equal(await serverUser(page), 'nobody');
  assert.deepEqual(await whoami(context), { username: null, accessToken: null });
  const r = await context.request.get(`${url}/protected`, { maxRedirects: 0 });
  assert.equal(r.status(), 307);
  assert.equal(new URL(r.headers().location, url).pathname, '/');
  await context.close();
});

test('signed in by the Authenticator: the server component, the route handler and the proxy see the user from cookies', async () => {
  const { context, page, problems } = await visitor('ann');
  // The prerendered page hydrated without a mismatch (the element renders a neutral placeholder on the server).
  assert.deepEqual(problems, []);
  const cookies = Object.fromEntries((await context.cookies()).map((c) => [decodeURIComponent(c.name), c]));
  assert.ok(cookies[`${prefix}.ann.accessToken`], 'the tokens are in cookies');
  assert.equal(cookies[`${prefix}.LastAuthUser`].sameSite, 'Lax');
  assert.equal(await serverUser(page), 'ann');
  assert.equal((await whoami(context)).username, 'ann');
  await page.goto(`${url}/protected`);
  assert.equal(await page.locator('#protected').textContent(), 'members only');
  // Another browser is nobody.
  const other = await visitor(null);
  assert.equal(await serverUser(other.page), 'nobody');
  await other.context.close();

  // Signing out in the browser clears what the server sees.
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username', { exact: true }).waitFor();
  assert.equal(await serverUser(page), 'nobody');
  assert.equal((await context.request.get(`${url}/protected`, { maxRedirects: 0 })).status(), 307);
  await context.close();
});

test('a route handler on the Edge runtime, as strict as a deployed edge host (no WebAssembly from bytes: the modules come as .wasm files), reads the same session', async () => {
  const signedOut = await browser.newContext();
  assert.deepEqual(await (await signedOut.request.get(`${url}/api/edge-whoami`)).json(), { username: null, edge: true });
  await signedOut.close();
  const { context } = await visitor('bob');
  assert.deepEqual(await (await context.request.get(`${url}/api/edge-whoami`)).json(), { username: 'bob', edge: true });
  await context.close();
});

test('two users, many interleaved requests at once: each request sees only its own user', async () => {
  const a = await visitor('ann');
  const b = await visitor('bob');
  const asks = [];
  for (let i = 0; i < 24; i++) {
    const v = i % 2 ? b : a;
    asks.push(i % 3 ? whoami(v.context).then((r) => r.username) : v.context.request.get(`${url}/server`).then(async (r) => /id="server-user">([^<]*)</.exec(await r.text())?.[1]));
  }
  const seen = await Promise.all(asks);
  assert.deepEqual(seen, asks.map((_, i) => (i % 2 ? 'bob' : 'ann')));
  await a.context.close();
  await b.context.close();
});

test('an expired access token is refreshed on the server, and the new tokens go back as cookies', async () => {
  const { context } = await visitor('ann');
  const before = (await whoami(context)).accessToken;
  // Two hours of clock drift: the stored access token now reads as expired.
  const drift = (await context.cookies()).find((c) => decodeURIComponent(c.name) === `${prefix}.ann.clockDrift`);
  assert.ok(drift, 'a clockDrift cookie');
  await context.addCookies([{ ...drift, value: String(2 * 3600 * 1000) }]);
  const r = await whoami(context);
  assert.equal(r.username, 'ann');
  assert.notEqual(r.accessToken, before, 'refreshed on the server');
  const stored = (await context.cookies()).find((c) => decodeURIComponent(c.name) === `${prefix}.ann.accessToken`);
  assert.equal(decodeURIComponent(stored.value), r.accessToken, 'the refreshed token came back as a cookie');
  await context.close();
});

test('next dev serves the same routes, the Edge one included (its sandbox rewrites WebAssembly calls)', async () => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dev = await serveApp('npx', ['next', 'dev', '-p', String(port), '-H', '127.0.0.1'], { cwd: work, env, url: origin });
  try {
    for (const path of ['/api/edge-whoami', '/api/whoami']) {
      const r = await fetch(`${origin}${path}`);
      const body = await r.text();
      assert.equal(r.status, 200, `${path}: ${body.slice(0, 300)}`);
      assert.equal(JSON.parse(body).username, null, path);
    }
  } finally {
    dev.stop();
  }
});

test('Edge middleware (middleware.js: Next 16 runs a proxy on Node.js only) guards the page the same, in the strict edge sandbox', async () => {
  // The same app rebuilt with the guard as middleware.js, on the Edge runtime.
  const proxy = readFileSync(join(work, 'src', 'proxy.js'), 'utf8');
  rmSync(join(work, 'src', 'proxy.js'));
  writeFileSync(join(work, 'src', 'middleware.js'), proxy.replace('export async function proxy(', 'export async function middleware('));
  timed('next build (Edge middleware)', () => execFileSync('npx', ['next', 'build'], { cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'] }));
  const manifest = JSON.parse(readFileSync(join(work, '.next', 'server', 'middleware-manifest.json'), 'utf8'));
  const edge = Object.values(manifest.middleware)[0];
  assert.ok(edge?.wasm?.length === 3, `middleware on the Edge runtime, with the modules as .wasm files: ${JSON.stringify(edge?.wasm)}`);
  next.stop();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  next = await serveApp('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: work, env: strict, url: `${url}/` });
  const nobody = await browser.newContext();
  const r = await nobody.request.get(`${url}/protected`, { maxRedirects: 0 });
  assert.equal(r.status(), 307);
  await nobody.close();
  const { context, page } = await visitor('ann');
  await page.goto(`${url}/protected`);
  assert.equal(new URL(page.url()).pathname, '/protected', 'a signed-in user is let through');
  assert.equal(await page.locator('#protected').textContent(), 'members only');
  await context.close();
});
