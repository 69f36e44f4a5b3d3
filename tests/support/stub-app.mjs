// The built package (pkg/, or CW_PKG) in Node over a memory store and a scripted
// Cognito, for the Node tests of rules a user meets when the server or the network
// misbehaves (tests/js/session.test.mjs, sign-in.test.mjs).
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkg = process.env.CW_PKG ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
export const P = 'CognitoIdentityServiceProvider.client';
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
export const now = () => Math.floor(Date.now() / 1000);
export const jwt = (claims) => `e30.${b64(claims)}.c2ln`;
export const access = (n, exp) => jwt({ sub: 's-1', username: 'ann', iat: now(), exp, origin_jti: `o-${n}` });
export const id = (exp) => jwt({ sub: 's-1', 'cognito:username': 'ann', iat: now(), exp });

let instance = 0;
/** A fresh copy of the package over a memory store and a scripted Cognito (`answer(op, body, request)`:
 * `[status, reply, headers]`, or an Error for a network failure). `failWrites(key)`: the
 * store refuses that write. */
export async function app(answer, { userPoolId = 'us-east-1_Abc', failWrites = () => false, cognito = {} } = {}) {
  const api = await import(`${pathToFileURL(join(pkg, 'index.js')).href}?session-${++instance}`);
  const mem = new Map();
  api.cognitoUserPoolsTokenProvider.setKeyValueStorage({ getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => {
      if (failWrites(k)) throw new Error('QuotaExceededError');
      mem.set(k, String(v));
    }, removeItem: (k) => void mem.delete(k) });
  const sent = [];
  globalThis.fetch = async (req, init) => {
    const r = new Request(req, init);
    const op = r.headers.get('x-amz-target')?.split('.').pop();
    const body = JSON.parse(await r.text());
    sent.push({ op, body, url: r.url, headers: Object.fromEntries(r.headers) });
    const out = await answer(op, body, r);
    if (out instanceof Error) throw out;
    const [status, reply, headers] = out;
    return new Response(JSON.stringify(reply), { status, headers: { 'content-type': 'application/x-amz-json-1.1', ...headers } });
  };
  const events = [];
  api.Hub.listen('auth', ({ payload }) => events.push(payload.event));
  api.configure({ Auth: { Cognito: { userPoolId, userPoolClientId: 'client', ...cognito } } });
  return { api, mem, sent, events };
}
export const later = (ms) => new Promise((r) => setTimeout(r, ms));
