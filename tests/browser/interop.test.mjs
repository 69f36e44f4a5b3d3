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
