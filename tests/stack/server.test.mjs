// cognito-wasm/server against ministack, in Node: a request's user comes from that request's
// cookies only. Two users signed in (with the package itself, in Node, each into a cookie jar
// as `ssr: true` writes them), many interleaved requests each see their own user, a request
// without cookies sees nobody, a forced refresh writes the new tokens back into that request's
// cookies, and a context cannot be used after its operation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStack } from '../support/stack.mjs';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
const load = (f) => import(pathToFileURL(join(pkg, f)).href);
const PASSWORD = 'Server-Passw0rd!';
let stack;

before(async () => {
  stack = await startStack({ users: [`ann:${PASSWORD}:ann@example.com`, `bob:${PASSWORD}:bob@example.com`] });
});
after(() => stack?.stop());

/** A request's cookie jar, as a framework hands it (names as the browser wrote them). */
function jar(entries = []) {
  const m = new Map(entries);
  return {
    map: m,
    get: (name) => (m.has(name) ? { name, value: m.get(name) } : undefined),
    set: (name, value) => void m.set(name, value),
    delete: (name) => void m.delete(name),
  };
}

/** Signs `username` in with the package in Node; returns the cookies the browser would hold. */
async function signedInCookies(m, username) {
  const kept = new Map();
  m.cognitoUserPoolsTokenProvider.setKeyValueStorage({
    getItem: (k) => kept.get(k) ?? null,
    setItem: (k, v) => void kept.set(k, v),
    removeItem: (k) => void kept.delete(k),
  });
  const r = await m.signIn({ username, password: PASSWORD });
  assert.equal(r.isSignedIn, true);
  return [...kept].map(([k, v]) => [encodeURIComponent(k), v]);
}

test('each request sees only the user of its own cookies; refreshed tokens go back into them', async () => {
  const m = await load('index.js');
  m.configure(stack.config, { Auth: { prepareSignIn: false } });
  const ann = await signedInCookies(m, 'ann');
  const bob = await signedInCookies(m, 'bob');
  const server = await load('server.js');
  const { config } = stack;

  // Interleaved, concurrent requests of both users and of a signed-out browser.
  const requests = [];
  for (let i = 0; i < 12; i++) {
    const [who, cookies] = [['ann', ann], ['bob', bob], [null, []]][i % 3];
    requests.push(
      server.runWithServerContext({ config, cookies: jar(cookies) }, async (spec) => {
        const user = await server.getCurrentUser(spec).then((u) => u.username, (e) => e.name);
        const session = await server.fetchAuthSession(spec);
        return { who, user, sub: session.tokens?.accessToken.payload.username ?? null };
      }),
    );
  }
  for (const r of await Promise.all(requests)) {
    if (r.who) assert.deepEqual(r, { who: r.who, user: r.who, sub: r.who });
    else assert.deepEqual(r, { who: null, user: 'UserUnAuthenticatedException', sub: null });
  }

  // The user's attributes, read with that request's access token.
  const attrs = await server.runWithServerContext({ config, cookies: jar(bob) }, (spec) => server.fetchUserAttributes(spec));
  assert.equal(attrs.email, 'bob@example.com');

  // A refresh on the server writes the new tokens back through the request's cookie store.
  const cookies = jar(ann);
  const accessName = [...cookies.map.keys()].find((k) => k.endsWith('.accessToken'));
  const before = cookies.map.get(accessName);
  const refreshed = await server.runWithServerContext({ config, cookies }, (spec) => server.fetchAuthSession(spec, { forceRefresh: true }));
  assert.notEqual(refreshed.tokens.accessToken.toString(), before);
  assert.equal(cookies.map.get(accessName), refreshed.tokens.accessToken.toString(), 'the new token is in the cookies');

  // A read-only cookie store (a server component's) still gets this request's answer.
  const readOnly = { get: jar(bob).get };
  assert.equal(await server.runWithServerContext({ config, cookies: readOnly }, (spec) => server.getCurrentUser(spec).then((u) => u.username)), 'bob');

  // A context is over once its operation is.
  let kept;
  await server.runWithServerContext({ config, cookies: jar(ann) }, (spec) => (kept = spec));
  await assert.rejects(server.getCurrentUser(kept), { name: 'AmplifyServerContextError' });
  await assert.rejects(server.fetchAuthSession({}), { name: 'AmplifyServerContextError' });
});

test('cognito-wasm/adapter-nextjs over cookie stores shaped like Next.js\'s (server component, middleware, none)', async () => {
  const m = await load('index.js');
  m.configure(stack.config, { Auth: { prepareSignIn: false } });
  const ann = await signedInCookies(m, 'ann');
  const { createServerRunner } = await load('adapter-nextjs.js');
  const server = await load('server.js');
  const { runWithAmplifyServerContext } = createServerRunner({ config: stack.config });
  const user = (spec) => server.getCurrentUser(spec).then((u) => u.username, (e) => e.name);

  // A server component: `cookies()` from next/headers (a promise since Next 15), writes refused.
  const readonly = jar(ann);
  const store = { get: readonly.get, set: () => { throw new Error('Cookies can only be modified in a Server Action or Route Handler.'); }, delete: () => { throw new Error('read-only'); } };
  assert.equal(await runWithAmplifyServerContext({ nextServerContext: { cookies: async () => store }, operation: user }), 'ann');
  // Refreshed there, still answered (the write is refused quietly).
  const forced = await runWithAmplifyServerContext({ nextServerContext: { cookies: () => store }, operation: (spec) => server.fetchAuthSession(spec, { forceRefresh: true }) });
  assert.equal(forced.tokens.accessToken.payload.username, 'ann');

  // Middleware: NextRequest's cookies read, NextResponse's cookies get the refreshed tokens.
  const request = { cookies: jar(ann) };
  const response = { cookies: jar() };
  const refreshed = await runWithAmplifyServerContext({ nextServerContext: { request, response }, operation: (spec) => server.fetchAuthSession(spec, { forceRefresh: true }) });
  const written = [...response.cookies.map.keys()].find((k) => k.endsWith('.accessToken'));
  assert.equal(response.cookies.map.get(written), refreshed.tokens.accessToken.toString(), 'the response carries the new token');

  // No request context: nobody.
  assert.equal(await runWithAmplifyServerContext({ nextServerContext: null, operation: user }), 'UserUnAuthenticatedException');
  await assert.rejects(runWithAmplifyServerContext({ nextServerContext: {}, operation: user }), TypeError);
});
