#!/usr/bin/env node
// What the Authenticator UI costs in a bundle, next to Amplify UI's withAuthenticator.
// esbuild, minified ESM, React external (the framework is not counted), gzip -9 of JS + CSS.
//   node bench/ui-size.mjs        (after bash scripts/build.sh and npm install)
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { mkdirSync, symlinkSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const external = ['react', 'react-dom', 'react/jsx-runtime', 'vue', '@angular/core', '@angular/common'];

const cases = {
  'cognito-wasm/ui element alone (auth core external)': { code: "import 'cognito-wasm/ui';", external: [join(pkg, 'index.js')] },
  'cognito-wasm/react wrapper + element (auth core external)': { code: "export { withAuthenticator } from 'cognito-wasm/react'; import 'cognito-wasm/react/styles.css';", external: [join(pkg, 'index.js')] },
  'cognito-wasm/react withAuthenticator, total (with the wasm auth core)': { code: "export { withAuthenticator } from 'cognito-wasm/react'; import 'cognito-wasm/react/styles.css';" },
  '@aws-amplify/ui-react withAuthenticator, total (with aws-amplify)': { code: "export { withAuthenticator } from '@aws-amplify/ui-react'; import '@aws-amplify/ui-react/styles.css';" },
};

// Resolve 'cognito-wasm' to pkg/ through its package.json "exports", as an app would.
const work = join(root, 'target', 'ui-size');
rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'node_modules'), { recursive: true });
symlinkSync(pkg, join(work, 'node_modules', 'cognito-wasm'));

const gz = (b) => gzipSync(b, { level: 9 }).length;
console.log(`${'bundle'.padEnd(72)} ${'JS+CSS raw'.padStart(11)} ${'gzip'.padStart(9)}`);
for (const [label, c] of Object.entries(cases)) {
  const r = await build({
    stdin: { contents: c.code, resolveDir: work, loader: 'js' },
    nodePaths: [join(root, 'node_modules')],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    outdir: join(work, 'out'),
    external: [...external, ...(c.external ?? [])],
    // The element's languages other than English are separate chunks, loaded on demand: not counted.
    splitting: true,
    logLevel: 'error',
    plugins: [{
      name: 'external-core',
      setup(b) {
        b.onResolve({ filter: /^\.\.\/index\.js$/ }, (a) => (c.external && a.importer.startsWith(pkg) ? { path: join(pkg, 'index.js'), external: true } : undefined));
      },
    }],
  });
  const main = r.outputFiles.filter((f) => !/\/(de|es|fr|he|it|ja|ko|nl|pl|pt|zh)-[\w-]+\.js$/.test(f.path));
  const raw = main.reduce((n, f) => n + f.contents.length, 0);
  const zipped = gz(Buffer.concat(main.map((f) => Buffer.from(f.contents))));
  console.log(`${label.padEnd(72)} ${String(raw).padStart(11)} ${String(zipped).padStart(9)}`);
}
