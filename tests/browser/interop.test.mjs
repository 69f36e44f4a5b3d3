// Token storage interop with real aws-amplify v6 in the same browser: a user
// signed in by Amplify stays signed in after the app switches to cognito-wasm,
// and back. Both talk to ministack (AUTH=true), so both SRP implementations
// are judged by the same server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { startServer } from '../support/server.mjs';
import { startStack, CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/stack.mjs';
import * as amplifyServer from 'aws-amplify/adapter-core';
import * as amplifyAuthServer from 'aws-amplify/auth/server';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const USER = 'interop';
const PASSWORD = 'Interop-Passw0rd!';
let stack, server, browser, page;

before(async () => {
  await build({
    entryPoints: [join(here, 'amplify-entry.js')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outfile: join(root, 'target', 'interop', 'amplify.js'),
    logLevel: 'error',
  });
  stack = await startStack({ users: [`${USER}:${PASSWORD}:interop@example.com`] });
  server = await startServer({ root, config: stack.config });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/tests/browser/harness.html`);
});

after(async () => {
  await browser?.close();
  server?.close();
  stack?.stop();
});

async function loadAmplify() {
  await page.addScriptTag({ url: '/target/interop/amplify.js', type: 'module' });
  await page.waitForFunction(() => window.AmplifyAuth);
  await page.evaluate((cfg) => window.AmplifyAuth.configure(cfg), stack.config);
}

const ours = (body, arg) =>
  page.evaluate(
    async ({ body, arg }) => {
      const m = await import('/pkg/index.js');
      m.configure(arg.cfg);
      return new Function('m', 'arg', `return (${body})(m, arg);`)(m, arg);
    },
    { body: body.toString(), arg: { ...arg, cfg: stack.config } },
  );

test('signed in by Amplify → still signed in with cognito-wasm', async () => {
  await loadAmplify();
  const r = await page.evaluate(async (a) => window.AmplifyAuth.signIn({ username: a.u, password: a.p }), { u: USER, p: PASSWORD });
  assert.equal(r.isSignedIn, true);
  const amp = await page.evaluate(async () => {
    const s = await window.AmplifyAuth.fetchAuthSession();
    return { access: s.tokens.accessToken.toString(), user: await window.AmplifyAuth.getCurrentUser() };
  });
  await page.reload();
  const mine = await ours(async (m) => {
    const s = await m.fetchAuthSession();
    return { access: s.tokens.accessToken.toString(), user: await m.getCurrentUser() };
  });
  assert.equal(mine.access, amp.access, 'same access token');
  assert.equal(mine.user.username, amp.user.username);
  assert.equal(mine.user.userId, amp.user.userId);
  assert.deepEqual(mine.user.signInDetails, amp.user.signInDetails);
  await ours(async (m) => m.signOut());
});

test('signed in by cognito-wasm → still signed in with Amplify', async () => {
  await page.reload();
  const r = await ours(async (m, a) => m.signIn({ username: a.u, password: a.p }), { u: USER, p: PASSWORD });
  assert.equal(r.isSignedIn, true);
  const mine = await ours(async (m) => {
    const s = await m.fetchAuthSession();
    return { access: s.tokens.accessToken.toString(), user: await m.getCurrentUser() };
  });
  await page.reload();
  await loadAmplify();
  const amp = await page.evaluate(async () => {
    const s = await window.AmplifyAuth.fetchAuthSession();
    return { access: s.tokens?.accessToken.toString(), user: await window.AmplifyAuth.getCurrentUser() };
  });
  assert.equal(amp.access, mine.access, 'Amplify reads our tokens');
  assert.equal(amp.user.username, mine.user.username);
  assert.equal(amp.user.userId, mine.user.userId);
  assert.deepEqual(amp.user.signInDetails, mine.user.signInDetails);
  // Amplify can sign the user out of a session we created.
  await page.evaluate(async () => window.AmplifyAuth.signOut());
  await page.reload();
  const after = await ours(async (m) => (await m.fetchAuthSession()).tokens === undefined);
  assert.equal(after, true);
});

// `ssr: true`: both keep tokens in cookies (Amplify's CookieStorage with sameSite lax: path /,
// a year, Secure), under the same names, so a session crosses the switch both ways.
/** A request's cookie jar from the browser's cookies (names and values decoded), as a server sees it. */
function jarOf(browserCookies) {
  const jar = new Map(browserCookies.map((c) => [decodeURIComponent(c.name), decodeURIComponent(c.value)]));
  const get = (name) => {
    const n = decodeURIComponent(name);
    return jar.has(n) ? { name: n, value: jar.get(n) } : undefined;
  };
  return {
    get,
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name, value) => jar.set(decodeURIComponent(name), value),
    delete: (name) => jar.delete(decodeURIComponent(name)),
  };
}

/** The user Amplify's own server API (aws-amplify/adapter-core, aws-amplify/auth/server) reads from `cookies`. */
async function amplifyServerUser(config, cookies) {
  const storage = amplifyServer.createKeyValueStorageFromCookieStorageAdapter(jarOf(cookies));
  const tokenProvider = amplifyServer.createUserPoolsTokenProvider(config.Auth, storage);
  const credentialsProvider = amplifyServer.createAWSCredentialsAndIdentityIdProvider(config.Auth, storage);
  return amplifyServer.runWithAmplifyServerContext(config, { Auth: { tokenProvider, credentialsProvider } }, async (ctx) => (await amplifyAuthServer.getCurrentUser(ctx)).username);
}

/** The user cognito-wasm's server API reads from `cookies`. */
async function ourServerUser(config, cookies) {
  const { runWithServerContext, getCurrentUser } = await import('../../pkg/server.js');
  return runWithServerContext({ config, cookies: jarOf(cookies) }, async (ctx) => (await getCurrentUser(ctx)).username);
}

test('ssr: true — signed in by Amplify in cookies → read by cognito-wasm (browser and server API), and the other way round (Amplify\'s browser and server API)', async () => {
  const context = await browser.newContext();
  const p = await context.newPage();
  const origin = `http://127.0.0.1:${server.address().port}`;
  const client = stack.config.Auth.Cognito.userPoolClientId;
  const open = async () => {
    await p.goto(`${origin}/tests/browser/harness.html`);
    await p.addScriptTag({ url: '/target/interop/amplify.js', type: 'module' });
    await p.waitForFunction(() => window.AmplifyAuth);
  };
  const cookies = async () => (await context.cookies()).filter((c) => c.name.startsWith(`CognitoIdentityServiceProvider.${client}.`));
  const stored = () => p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('CognitoIdentityServiceProvider.')).length);

  await open();
  await p.evaluate(async (a) => {
    window.AmplifyAuth.configure(a.cfg, { ssr: true });
    await window.AmplifyAuth.signIn({ username: a.u, password: a.p });
  }, { cfg: stack.config, u: USER, p: PASSWORD });
  const written = await cookies();
  const names = written.map((c) => c.name.split('.').pop()).sort();
  assert.ok(['LastAuthUser', 'accessToken', 'idToken', 'refreshToken'].every((n) => names.includes(n)), names.join());
  assert.equal(await stored(), 0, 'nothing in localStorage');
  // On a server: Amplify's cookies read by cognito-wasm/server (and by Amplify's own, as a control).
  assert.equal(await amplifyServerUser(stack.config, written), USER);
  assert.equal(await ourServerUser(stack.config, written), USER);

  await open();
  const ours = await p.evaluate(async (cfg) => {
    const m = await import('/pkg/index.js');
    m.configure(cfg, { ssr: true });
    const user = await m.getCurrentUser();
    const { tokens } = await m.fetchAuthSession();
    return { user: user.username, token: tokens.accessToken.toString() };
  }, stack.config);
  assert.equal(ours.user, USER);
  assert.equal(ours.token, written.find((c) => c.name.endsWith('.accessToken')).value);

  // Signed out by cognito-wasm: the cookies go; signed in by it: Amplify's attributes, read by Amplify.
  await p.evaluate(async (a) => {
    const m = await import('/pkg/index.js');
    await m.signOut();
    await m.signIn({ username: a.u, password: a.p });
  }, { u: USER, p: PASSWORD });
  const mine = await cookies();
  assert.ok(mine.length >= 4, mine.map((c) => c.name).join());
  const year = Date.now() / 1000 + 360 * 86400;
  for (const c of mine) {
    assert.equal(c.path, '/', c.name);
    assert.equal(c.secure, true, c.name);
    assert.equal(c.sameSite, 'Lax', c.name);
    assert.ok(c.expires > year, `${c.name} expires ${c.expires}`);
  }
  assert.equal(await stored(), 0, 'nothing in localStorage');
  // On a server: cognito-wasm's cookies read by Amplify's server API, and by ours.
  assert.equal(await amplifyServerUser(stack.config, mine), USER);
  assert.equal(await ourServerUser(stack.config, mine), USER);
  await open();
  const theirs = await p.evaluate(async (cfg) => {
    window.AmplifyAuth.configure(cfg, { ssr: true });
    const user = await window.AmplifyAuth.getCurrentUser();
    await window.AmplifyAuth.signOut();
    return user.username;
  }, stack.config);
  assert.equal(theirs, USER);
  assert.deepEqual(await cookies(), [], 'Amplify’s sign-out cleared them');
  await context.close();
});
