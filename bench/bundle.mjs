// Builds the same small app per library with esbuild (bundle, minify, ESM, browser) into
// bench/out/, writes one HTML page per app, and measures the bytes (raw, gzip -9, brotli).
import { inflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const root = join(benchDir, '..');
export const outDir = join(benchDir, 'out');

export const LIBS = [
  { id: 'cognito-wasm', label: 'cognito-wasm' },
  { id: 'amplify', label: 'aws-amplify v6' },
  { id: 'identity-js', label: 'amazon-cognito-identity-js' },
];

export function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [zc.BROTLI_PARAM_QUALITY]: zc.BROTLI_MAX_QUALITY,
        [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

/** The wasm module as shipped in pkg/ (deflated, inlined as base64 in cognito_wasm_inline.js). */
export function pkgWasmBytes() {
  const src = readFileSync(join(root, 'pkg', 'cognito_wasm_inline.js'), 'utf8');
  const m = /wasmBase64\s*=\s*"([A-Za-z0-9+/=]+)"/.exec(src);
  if (!m) throw new Error('pkg/cognito_wasm_inline.js: no wasmBase64 string found');
  return inflateRawSync(Buffer.from(m[1], 'base64')); // shipped deflated
}

export function versions() {
  const require = createRequire(join(root, 'package.json'));
  const v = (name) => require(`${name}/package.json`).version;
  return {
    'cognito-wasm': JSON.parse(readFileSync(join(root, 'pkg', 'package.json'), 'utf8')).version,
    'aws-amplify': v('aws-amplify'),
    '@aws-amplify/auth': require(join(root, 'node_modules', '@aws-amplify', 'auth', 'package.json')).version,
    'amazon-cognito-identity-js': v('amazon-cognito-identity-js'),
    esbuild: v('esbuild'),
  };
}

// The page reads its config from the URL hash (JSON), so the same static page serves the
// ministack runs and the stubbed SRP runs. The app module configures itself on load.
const page = (id) => `<!doctype html>
<meta charset="utf-8">
<title>bench: ${id}</title>
<script>window.BENCH_CONFIG = location.hash.length > 1 ? JSON.parse(decodeURIComponent(location.hash.slice(1))) : null;</script>
<script type="module" src="./${id}.js"></script>
<p>cognito-wasm benchmark page (${id})</p>
`;

/** Bundles every app; returns { [id]: { file, raw, gzip, brotli, inputs } }. */
export async function bundleApps() {
  mkdirSync(outDir, { recursive: true });
  const out = {};
  for (const { id } of LIBS) {
    const outfile = join(outDir, `${id}.js`);
    const r = await build({
      entryPoints: [join(benchDir, 'apps', `${id}.js`)],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      // amazon-cognito-identity-js (and its `buffer` dependency) reads Node's `global`;
      // this is the usual one-line fix when bundling it for the browser. Same for all three.
      define: { global: 'globalThis' },
      legalComments: 'none', // licence comments are not code; they would add ~2 KB to identity-js
      metafile: true,
      outfile,
      logLevel: 'error',
    });
    writeFileSync(join(outDir, `${id}.html`), page(id));
    const buf = readFileSync(outfile);
    // Biggest inputs, for a sanity look at what is in each bundle.
    const inputs = Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs)
      .map(([path, v]) => ({ path, bytes: v.bytesInOutput }))
      .sort((a, b) => b.bytes - a.bytes);
    const pkgOf = (p) => {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
      return m ? m[1] : p.startsWith('pkg/') ? 'cognito-wasm (pkg/)' : p;
    };
    const byPackage = {};
    for (const i of inputs) byPackage[pkgOf(i.path)] = (byPackage[pkgOf(i.path)] ?? 0) + i.bytes;
    out[id] = {
      file: `bench/out/${id}.js`,
      ...sizes(buf),
      byPackage: Object.fromEntries(Object.entries(byPackage).sort((a, b) => b[1] - a[1]).slice(0, 8)),
    };
  }
  return out;
}
