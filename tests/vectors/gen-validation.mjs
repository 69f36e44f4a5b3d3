// Known answers for input validation and the signed-in/signed-out rules, made by driving
// the full serde_json engine (pkg/engine.js, src/core/auth) before it was removed: every
// call of the API with well-formed, malformed and extra inputs, signed out and signed in,
// configured with and without a hosted UI, and before configure(). The typed modules must
// answer each exactly as it did (tests/js/validation.test.mjs). Cognito is a stub that
// answers every request with one error, so a case records whether (and what) the call
// sent before it failed. Kept for the record; it needs a build that still has engine.js.
//   node tests/vectors/gen-validation.mjs > tests/vectors/validation.json
const { start } = await import(new URL('../../pkg/engine.js', import.meta.url));
const { parseConfig } = await import(new URL('../../pkg/config.js', import.meta.url));
const { AuthError } = await import(new URL('../../pkg/errors.js', import.meta.url));
import { CASES, OAUTH_CONFIG, PLAIN_CONFIG, STUB_REPLY, storeSession, sentRequest } from './validation-cases.mjs';

const mem = new Map();
const host = {
  storage: { getItem: (k) => mem.get(k) ?? null, setItem: (k, v) => void mem.set(k, String(v)), removeItem: (k) => void mem.delete(k) },
  emit() {},
  lock: async () => () => {},
  signal: () => undefined,
  requestTimeoutMs: 1000,
};
let sent = [];
globalThis.fetch = async (req, init) => {
  sent.push(await sentRequest(req, init));
  return new Response(JSON.stringify(STUB_REPLY), { status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' } });
};
const e = await start(host);
const out = [];
for (const [configName, config] of [['none', undefined], ['oauth', OAUTH_CONFIG], ['plain', PLAIN_CONFIG]]) {
  if (config) e.configure(JSON.stringify(parseConfig(config, AuthError)));
  for (const { op, input, signedIn, configs } of CASES) {
    if (!configs.includes(configName)) continue;
    mem.clear();
    sent = [];
    if (signedIn) storeSession(mem);
    let r;
    try {
      r = { ok: JSON.parse(await e.call(op, input === undefined ? '' : JSON.stringify(input))) };
    } catch (err) {
      const j = JSON.parse(String(err));
      r = { error: { name: j.name, message: j.message, recoverySuggestion: j.recoverySuggestion } };
    }
    out.push({ config: configName, op, signedIn, ...(input === undefined ? {} : { input }), sent, ...r });
  }
}
// The stored tokens (their times change from run to run) are written as <jwt>.
const jwtFree = (k, v) => (typeof v === 'string' && v.startsWith('e30.') ? '<jwt>' : v);
console.log(JSON.stringify(out, jwtFree, 0).replaceAll('},{"config"', '},\n{"config"'));
