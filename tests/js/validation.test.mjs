// Every call of the package's API, with well-formed, malformed and extra inputs, signed
// out and signed in, before configure() and after, answers exactly as the known answers
// in tests/vectors/validation.json say (made by driving the full engine; see
// gen-validation.mjs): the same error (name, message, recovery hint) or result, after
// sending the same requests. Node; Cognito is a stub that refuses every request.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { OAUTH_CONFIG, PLAIN_CONFIG, STUB_REPLY, storeSession, sentRequest } from '../vectors/validation-cases.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.env.CW_PKG ?? join(here, '..', '..', 'pkg');
const vectors = JSON.parse(readFileSync(join(here, '..', 'vectors', 'validation.json'), 'utf8'));

let sent = [];
globalThis.fetch = async (req, init) => {
  sent.push(await sentRequest(req, init));
  return new Response(JSON.stringify(STUB_REPLY), { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } });
};
const mem = new Map();
const store = { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, String(v)), removeItem: (k) => void mem.delete(k) };
const jwtFree = (k, v) => (typeof v === 'string' && v.startsWith('e30.') ? '<jwt>' : v);

// The engine's raw results, as the public functions reshape them.
const PUBLIC = {
  fetchAuthSession: (ok) => (ok.tokens ? { accessToken: ok.tokens.accessToken, idToken: ok.tokens.idToken, userSub: ok.userSub } : { tokens: 'none' }),
  signOut: () => undefined,
};
const publicShape = {
  fetchAuthSession: (r) => (r.tokens ? { accessToken: r.tokens.accessToken.toString(), idToken: r.tokens.idToken.toString(), userSub: r.userSub } : { tokens: 'none' }),
};

for (const configName of ['none', 'oauth', 'plain']) {
  test(`every call answers as the known answers say: ${configName === 'none' ? 'before configure()' : `configured (${configName})`}`, async () => {
    // A fresh copy of the package per configuration (its state is per module instance).
    const api = await import(`${pathToFileURL(join(pkg, 'index.js')).href}?${configName}`);
    api.cognitoUserPoolsTokenProvider.setKeyValueStorage(store);
    const config = { oauth: OAUTH_CONFIG, plain: PLAIN_CONFIG }[configName];
    if (config) api.configure(config);
    const warn = console.warn;
    console.warn = () => {}; // sessionStorage is memory in Node: said once, not a finding
    const failures = [];
    try {
      for (const v of vectors.filter((x) => x.config === configName)) {
        mem.clear();
        sent = [];
        if (v.signedIn) storeSession(mem);
        let got;
        try {
          const r = await api[v.op](v.input);
          got = { ok: JSON.parse(JSON.stringify(publicShape[v.op]?.(r) ?? r ?? null, jwtFree)) };
        } catch (e) {
          got = { error: { name: e.name, message: e.message, recoverySuggestion: e.recoverySuggestion ?? null } };
        }
        const want = v.error ? { error: v.error } : { ok: PUBLIC[v.op] ? (PUBLIC[v.op](v.ok) ?? null) : v.ok };
        const id = `${v.op}(${JSON.stringify(v.input)}) signed ${v.signedIn ? 'in' : 'out'}`;
        try {
          assert.deepEqual(got, want);
          assert.deepEqual(JSON.parse(JSON.stringify(sent, jwtFree)), v.sent, 'requests sent');
        } catch (e) {
          failures.push(`${id}: ${e.message.split('\n').slice(0, 12).join('\n')}`);
        }
      }
    } finally {
      console.warn = warn;
    }
    assert.equal(failures.length, 0, `${failures.length} cases differ:\n${failures.slice(0, 15).join('\n\n')}`);
  });
}
