// A host that refuses to compile WebAssembly from bytes (as deployed edge runtimes do):
// the server API runs on the modules the host compiled from the package's .wasm files
// (useCompiledWasm, which the `edge-light` exports call by themselves; see edge.js), and
// without them it fails with the host's CompileError rather than anything quieter.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { P, now, access, id } from '../support/stub-app.mjs';

const pkg = process.env.CW_PKG ?? join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pkg');
// Compiled as the host would, before the host stops compiling anything.
const compiled = Object.fromEntries(
  [['core', 'v2'], ['account', 'account'], ['identity', 'identity']].map(([k, f]) => [k, new WebAssembly.Module(readFileSync(join(pkg, `cognito_wasm_${f}.wasm`)))]),
);
const refuse = () => {
  throw new WebAssembly.CompileError('WebAssembly.Module(): Wasm code generation disallowed by embedder');
};
// Refused for the package's code only: Node's own fetch compiles its HTTP parser lazily.
const fromPackage = () => new Error().stack.includes(pathToFileURL(pkg).href);
const { compile, instantiate } = WebAssembly;
WebAssembly.compile = async (bytes) => (fromPackage() ? refuse() : compile(bytes));
WebAssembly.instantiate = async (source, imports) => (source instanceof WebAssembly.Module || !fromPackage() ? instantiate(source, imports) : refuse());

const config = { Auth: { Cognito: { userPoolId: 'us-east-1_Abc', userPoolClientId: 'client', identityPoolId: 'us-east-1:pool' } } };
/** A request's cookies holding `ann`'s session, its access token expired. */
function cookies() {
  const jar = new Map([
    [`${P}.LastAuthUser`, 'ann'],
    [`${P}.ann.accessToken`, access(0, now() - 60)],
    [`${P}.ann.idToken`, id(now() - 60)],
    [`${P}.ann.refreshToken`, 'refresh-1'],
    [`${P}.ann.clockDrift`, '0'],
  ].map(([k, v]) => [encodeURIComponent(k), v]));
  return { jar, get: (k) => jar.get(k), set: (k, v) => void jar.set(k, v), delete: (k) => void jar.delete(k) };
}

test('without compiled modules the host refuses, and says so', async () => {
  const server = await import(`${pathToFileURL(join(pkg, 'server.js')).href}?refused`);
  await assert.rejects(
    server.runWithServerContext({ config, cookies: cookies() }, (ctx) => server.fetchAuthSession(ctx)),
    (e) => /code generation disallowed/.test(e.message),
  );
});

test('with them: refresh (core), attributes (account) and credentials (identity) all run', async () => {
  const server = await import(`${pathToFileURL(join(pkg, 'server.js')).href}?compiled`);
  server.useCompiledWasm(compiled);
  const ops = [];
  globalThis.fetch = async (req, init) => {
    const r = new Request(req, init);
    const op = r.headers.get('x-amz-target')?.split('.').pop();
    ops.push(op);
    const reply = {
      GetTokensFromRefreshToken: { AuthenticationResult: { AccessToken: access(1, now() + 3600), IdToken: id(now() + 3600), ExpiresIn: 3600 } },
      GetUser: { Username: 'ann', UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }] },
      GetId: { IdentityId: 'us-east-1:ann' },
      GetCredentialsForIdentity: { IdentityId: 'us-east-1:ann', Credentials: { AccessKeyId: 'AKIA', SecretKey: 's', SessionToken: 't', Expiration: now() + 3600 } },
    }[op];
    return new Response(JSON.stringify(reply ?? {}), { status: reply ? 200 : 400, headers: { 'content-type': 'application/x-amz-json-1.1' } });
  };
  const c = cookies();
  const r = await server.runWithServerContext({ config, cookies: c }, async (ctx) => ({
    session: await server.fetchAuthSession(ctx),
    attributes: await server.fetchUserAttributes(ctx),
  }));
  assert.equal(r.session.tokens.accessToken.payload.origin_jti, 'o-1', 'refreshed');
  assert.equal(r.session.identityId, 'us-east-1:ann');
  assert.equal(r.session.credentials.accessKeyId, 'AKIA');
  assert.deepEqual(r.attributes, { email: 'ann@example.com' });
  assert.equal(c.jar.get(encodeURIComponent(`${P}.ann.accessToken`)), r.session.tokens.accessToken.toString(), 'the refreshed tokens go back as cookies');
  assert.deepEqual(ops, ['GetTokensFromRefreshToken', 'GetId', 'GetCredentialsForIdentity', 'GetUser']);
});

test.after(() => Object.assign(WebAssembly, { compile, instantiate }));
