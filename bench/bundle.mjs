// Builds the same small app per library with esbuild (bundle, minify, ESM, browser) into
// bench/out/, writes one HTML page per app, and measures the bytes (raw, gzip -9, brotli).
import { inflateRawSync } from 'node:zlib';
import { build } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
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

/** A wasm module as shipped in pkg/ (deflated, inlined as base64 in `file`); the typed core's by default. */
export function pkgWasmBytes(file = 'cognito_wasm_v2_inline.js') {
  const src = readFileSync(join(root, 'pkg', file), 'utf8');
  const m = /wasmBase64\s*=\s*"([A-Za-z0-9+/=]+)"/.exec(src);
  if (!m) throw new Error(`pkg/${file}: no wasmBase64 string found`);
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
<script type="module" src="./${id}/${id}.js"></script>
<p>cognito-wasm benchmark page (${id})</p>
`;

// An app that imports every export of the library's auth API (what a large app or a
// bundler that cannot tree-shake pays). identity-js has no Amplify-shaped API to compare.
const WHOLE_API = {
  'cognito-wasm': `import * as auth from '${join(root, 'pkg', 'index.js')}';\nwindow.api = auth;\n`,
  amplify: `import { Amplify } from 'aws-amplify';\nimport * as auth from 'aws-amplify/auth';\nwindow.api = { Amplify, ...auth };\n`,
};

const esbuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  // Code-split, as Vite, the Angular CLI and webpack build apps: a dynamic import()
  // becomes a chunk the page fetches when it runs.
  splitting: true,
  // amazon-cognito-identity-js (and its `buffer` dependency) reads Node's `global`;
  // this is the usual one-line fix when bundling it for the browser. Same for all three.
  define: { global: 'globalThis' },
  legalComments: 'none', // licence comments are not code; they would add ~2 KB to identity-js
  metafile: true,
  logLevel: 'error',
  absWorkingDir: root,
};

const sum = (bufs) => {
  const each = bufs.map(sizes);
  return { raw: each.reduce((n, x) => n + x.raw, 0), gzip: each.reduce((n, x) => n + x.gzip, 0), brotli: each.reduce((n, x) => n + x.brotli, 0) };
};

/**
 * One code-split build. Returns the chunks with their sizes (each compressed on its own,
 * as a server sends them), `initial` (the entry and what it imports statically: what
 * the page fetches before it runs) and the total over every chunk.
 */
async function splitBuild(outdir, options) {
  rmSync(outdir, { recursive: true, force: true });
  const r = await build({ ...esbuildOptions, ...options, outdir });
  const outputs = r.metafile.outputs;
  const js = Object.keys(outputs).filter((f) => f.endsWith('.js'));
  // The app's own entry: an entry point no chunk loads with import() (each dynamic
  // import() is an entry point of its chunk too).
  const loaded = new Set(js.flatMap((f) => outputs[f].imports.filter((i) => i.kind === 'dynamic-import').map((i) => i.path)));
  const entry = js.find((f) => outputs[f].entryPoint && !loaded.has(f));
  const initial = new Set();
  const walk = (f) => {
    if (initial.has(f)) return;
    initial.add(f);
    for (const i of outputs[f].imports) if (i.kind === 'import-statement') walk(i.path);
  };
  walk(entry);
  const read = (f) => readFileSync(join(root, f));
  // cognito-wasm's steps, device, oauth, identity and account modules (each .js and its
  // wasm), the full input rules (check.js) and passkeys (passkey.js) are chunks of their own that only other
  // calls, configurations, challenges or malformed inputs load: not the small app's flow.
  // Nor is the fallback decoder (inflate.js), which only a browser without
  // DecompressionStream fetches. tests/browser/engines.test.mjs checks that the flow
  // fetches none of them.
  const LAZY = ['pkg/check.js', 'pkg/passkey.js', ...['account', 'steps', 'device', 'oauth', 'identity'].flatMap((m) => [`pkg/${m}.js`, `pkg/cognito_wasm_${m}_inline.js`])];
  const lazyChunk = (f) => {
    const ins = Object.keys(outputs[f].inputs);
    return ins.some((p) => LAZY.some((l) => p.endsWith(l))) || ins.every((p) => p.endsWith('pkg/inflate.js'));
  };
  const chunks = js
    .map((f) => ({ file: f, initial: initial.has(f), flow: !lazyChunk(f), ...sizes(read(f)) }))
    .sort((a, b) => b.raw - a.raw);
  const inputs = js.flatMap((f) => Object.entries(outputs[f].inputs).map(([path, v]) => ({ path, bytes: v.bytesInOutput })));
  return { entry, chunks, initial: sum([...initial].map(read)), flow: sum(js.filter((f) => !lazyChunk(f)).map(read)), ...sum(js.map(read)), inputs };
}

const pkgOf = (p) => {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(p);
  return m ? m[1] : p.startsWith('pkg/') ? 'cognito-wasm (pkg/)' : p;
};

/**
 * Bundles every app. Per library: the small app's chunks; `raw`/`gzip`/`brotli` are every
 * chunk summed, `flow` what the page downloads through configure → sign-in → session →
 * sign-out (every chunk but cognito-wasm's lazily loaded modules, which only other calls load),
 * `initial` what it loads before configure(); and `wholeApi`, the same for an app
 * importing every export.
 */
export async function bundleApps(ids = LIBS.map((l) => l.id)) {
  mkdirSync(outDir, { recursive: true });
  const out = {};
  for (const id of ids) {
    const r = await splitBuild(join(outDir, id), { entryPoints: { [id]: join(benchDir, 'apps', `${id}.js`) } });
    writeFileSync(join(outDir, `${id}.html`), page(id));
    const byPackage = {};
    for (const i of r.inputs) byPackage[pkgOf(i.path)] = (byPackage[pkgOf(i.path)] ?? 0) + i.bytes;
    out[id] = {
      file: r.entry,
      raw: r.raw,
      gzip: r.gzip,
      brotli: r.brotli,
      initial: r.initial,
      flow: r.flow,
      chunks: r.chunks,
      byPackage: Object.fromEntries(Object.entries(byPackage).sort((a, b) => b[1] - a[1]).slice(0, 8)),
    };
    if (WHOLE_API[id]) {
      const w = await splitBuild(join(outDir, `${id}-whole-api`), {
        stdin: { contents: WHOLE_API[id], resolveDir: root, sourcefile: `${id}-whole-api.js` },
        entryNames: `${id}-whole-api`,
      });
      out[id].wholeApi = { raw: w.raw, gzip: w.gzip, brotli: w.brotli, initial: w.initial, chunks: w.chunks };
    }
  }
  return out;
}
