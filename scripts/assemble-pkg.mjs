// Assembles the npm package in pkg/ from pkg-template/ and the wasm modules scripts/build.sh built.
import { readFileSync, writeFileSync, mkdirSync, rmSync, copyFileSync, cpSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import zopfli from '@gfx/zopfli';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bindgen = join(root, 'target', 'bindgen');
const out = join(root, 'pkg');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const pkg = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
pkg.version = version;
writeFileSync(join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// The package's sources are TypeScript (pkg-template/**/*.ts): tsc checks them and
// erases their types into pkg/ (pkg-template/tsconfig.json). The public declarations
// are hand-written, and copied.
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'pkg-template')], { stdio: 'inherit' });
for (const f of ['index.d.ts', 'server.d.ts', 'adapter-nextjs.d.ts']) copyFileSync(join(root, 'pkg-template', f), join(out, f));
// The decoder module (inflate/, built by scripts/build.sh) goes inline into inflate.js.
const inflateWasm = readFileSync(process.argv[2] ?? join(bindgen, 'inflate.wasm'));
const inflateJs = readFileSync(join(out, 'inflate.js'), 'utf8');
if (!inflateJs.includes('__INFLATE_WASM_BASE64__')) throw new Error('pkg-template/inflate.ts lost its placeholder');
writeFileSync(join(out, 'inflate.js'), inflateJs.replace('__INFLATE_WASM_BASE64__', inflateWasm.toString('base64')));
// The Authenticator element and its framework wrappers (subpath exports): compiled above
// (angular/ into the partial-compilation format the app's Angular CLI links); their declarations and styles copied.
const notSource = (f) => !f.endsWith('.ts') || f.endsWith('.d.ts');
for (const dir of ['ui', 'react', 'vue', 'angular', 'ui-components']) cpSync(join(root, 'pkg-template', dir), join(out, dir), { recursive: true, filter: notSource });
copyFileSync(join(root, 'README.md'), join(out, 'README.md'));

// Deflated before base64: base64 of raw wasm gzips to ~1.35x the gzipped wasm,
// base64 of deflated wasm to ~1.0x. The modules unpack it (unpack.js: the browser's
// DecompressionStream, else the inflate.js chunk). Zopfli's DEFLATE (any inflater reads
// it) is ~6% smaller than zlib's level 9: 1.8 KB off the typed core, 7 KB off all six.
async function inline(wasmPath, name) {
  const wasm = readFileSync(wasmPath);
  const packed = Buffer.from(await zopfli.deflateAsync(wasm, { numiterations: 50 }));
  if (!inflateRawSync(packed).equals(wasm)) throw new Error(`${name}: the packed module does not unpack to itself`);
  writeFileSync(
    join(out, name),
    `// The WebAssembly module (raw DEFLATE, base64), inlined so that no bundler needs to know about .wasm files.\nexport const wasmSize = ${wasm.length};\nexport const wasmBase64 = ${JSON.stringify(packed.toString('base64'))};\n`,
  );
  return wasm.length;
}
const typed = await inline(process.argv[3] ?? join(bindgen, 'cognito_wasm_v2_opt.wasm'), 'cognito_wasm_v2_inline.js');
const account = await inline(process.argv[4] ?? join(bindgen, 'cognito_wasm_account_opt.wasm'), 'cognito_wasm_account_inline.js');
const steps = await inline(process.argv[5] ?? join(bindgen, 'cognito_wasm_steps_opt.wasm'), 'cognito_wasm_steps_inline.js');
const oauth = await inline(process.argv[6] ?? join(bindgen, 'cognito_wasm_oauth_opt.wasm'), 'cognito_wasm_oauth_inline.js');
const identity = await inline(process.argv[7] ?? join(bindgen, 'cognito_wasm_identity_opt.wasm'), 'cognito_wasm_identity_inline.js');
// The modules a server calls, also as plain .wasm files: edge runtimes compile them when
// they load the code (edge.js), as they refuse to compile WebAssembly from bytes.
for (const [from, to] of [
  [process.argv[3] ?? join(bindgen, 'cognito_wasm_v2_opt.wasm'), 'cognito_wasm_v2.wasm'],
  [process.argv[4] ?? join(bindgen, 'cognito_wasm_account_opt.wasm'), 'cognito_wasm_account.wasm'],
  [process.argv[7] ?? join(bindgen, 'cognito_wasm_identity_opt.wasm'), 'cognito_wasm_identity.wasm'],
]) copyFileSync(from, join(out, to));
console.log(`pkg/: cognito-wasm@${version}, wasm ${typed} bytes (typed core), ${steps} (steps), ${oauth} (oauth), ${identity} (identity), ${account} (account)`);
