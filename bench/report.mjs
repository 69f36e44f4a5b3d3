// Turns the results into latest.json, latest.md (a table with ratios to Amplify) and
// ratios.svg (a hand-made bar chart of the cognito-wasm / Amplify ratios), and puts the
// table into bench/README.md (and into the top-level README.md if it has the markers).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { benchDir, root } from './bundle.mjs';

const CW = 'cognito-wasm';
const AMP = 'amplify';
const IJS = 'identity-js';

// Targets from the issue, as ratios cognito-wasm / Amplify (lower is better).
export const TARGETS = {
  // Issue #11: what the small app downloads ≤ identity-js's bundle (27.1 KB, ≈0.63× Amplify);
  // every export ≤ Amplify's whole auth API; ready ≤ 0.8× Amplify.
  bundleGzip: 0.63,
  wholeApiGzip: 1.0,
  srpMath: 0.1,
  signInCpu: 0.1,
  coldReady: 0.8,
};

const kb = (b) => (b / 1000).toFixed(1);
const mb = (b) => (b / 1e6).toFixed(2);
const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const num = (x) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const spread = (s, f) => (s && s.n > 1 ? ` (${f(s.p25)}–${f(s.p75)})` : '');

/** Every row of the table: value per library (number, for ratios) and how to show it. */
export function rows(r) {
  const L = (fn) => ({ [CW]: fn(CW), [AMP]: fn(AMP), [IJS]: fn(IJS) });
  const app = (k) => L((id) => r.bundle.apps[id][k]);
  const stat = (section, key, f, unit) => ({
    value: L((id) => section.perLib[id][key].median),
    show: L((id) => f(section.perLib[id][key].median) + spread(section.perLib[id][key], f)),
    unit,
  });
  const mem = (key) => L((id) => r.memory.perLib[id][key]);
  const out = [
    { key: 'bundleRaw', group: 'Bundle', label: 'Small app: downloaded through configure → sign-in → session → sign-out, raw', value: L((id) => r.bundle.apps[id].flow.raw), fmt: kb, unit: 'KB' },
    { key: 'bundleGzip', group: 'Bundle', label: '… gzip -9', value: L((id) => r.bundle.apps[id].flow.gzip), fmt: kb, unit: 'KB', target: TARGETS.bundleGzip },
    { key: 'bundleBrotli', group: 'Bundle', label: '… brotli', value: L((id) => r.bundle.apps[id].flow.brotli), fmt: kb, unit: 'KB' },
    { key: 'bundleAllGzip', group: 'Bundle', label: 'Small app, every chunk the build emits, gzip -9', value: app('gzip'), fmt: kb, unit: 'KB' },
    { key: 'bundleInitialGzip', group: 'Bundle', label: '… of which loaded before configure(), gzip -9', value: L((id) => r.bundle.apps[id].initial.gzip), fmt: kb, unit: 'KB' },
    ...(r.bundle.apps[CW].wholeApi
      ? [
          { key: 'wholeApiGzip', group: 'Bundle', label: 'Every export of the auth API, gzip -9 (all chunks)', value: L((id) => r.bundle.apps[id].wholeApi?.gzip ?? NaN), fmt: kb, unit: 'KB', target: TARGETS.wholeApiGzip },
          { key: 'wholeApiBrotli', group: 'Bundle', label: 'Every export of the auth API, brotli', value: L((id) => r.bundle.apps[id].wholeApi?.brotli ?? NaN), fmt: kb, unit: 'KB' },
        ]
      : []),
    { key: 'srpMath', group: 'SRP', label: 'SRP math: stubbed sign-in as shipped (a: 256 bits here, 1024 in the SDKs), median (p25–p75)', ...stat(r.srp, 'totalMs', ms, 'ms'), target: TARGETS.srpMath },
    { key: 'srpA', group: 'SRP', label: '… of which A = g^a (before the 1st request)', ...stat(r.srp, 'beforeFirstMs', ms, 'ms') },
    { key: 'srpProof', group: 'SRP', label: '… of which the proof (between the requests)', ...stat(r.srp, 'betweenMs', ms, 'ms') },
    { key: 'srpCpu', group: 'SRP', label: 'SRP math: main-thread CPU', ...stat(r.srp, 'cpuMs', ms, 'ms'), target: TARGETS.srpMath },
    ...(r.srpSameA
      ? [{ key: 'srpSameA', group: 'SRP', label: 'SRP math, all three with the same 256-bit a', ...stat(r.srpSameA, 'totalMs', ms, 'ms') }]
      : []),
    { key: 'signInWall', group: 'Sign-in', label: `Sign-in wall time vs ministack, median of ${r.signIn.rounds}`, ...stat(r.signIn, 'wallMs', ms, 'ms') },
    { key: 'signInCpu', group: 'Sign-in', label: 'Sign-in main-thread CPU', ...stat(r.signIn, 'cpuMs', ms, 'ms'), target: TARGETS.signInCpu },
    { key: 'coldReady', group: 'Cold start', label: `Cold start: navigation → ready, median of ${r.cold.runs}`, ...stat(r.cold, 'readyMs', ms, 'ms'), target: TARGETS.coldReady },
    { key: 'coldFirstSignIn', group: 'Cold start', label: 'First sign-in on a fresh page, wall', ...stat(r.cold, 'firstSignInWallMs', ms, 'ms') },
    { key: 'coldFirstSignInCpu', group: 'Cold start', label: 'First sign-in on a fresh page, main-thread CPU', ...stat(r.cold, 'firstSignInCpuMs', ms, 'ms') },
    { key: 'posts', group: 'Requests', label: 'POSTs per sign-in', value: L((id) => r.signIn.perLib[id].posts.median), fmt: num },
    { key: 'preflights', group: 'Requests', label: 'CORS preflights per sign-in (warm page)', value: L((id) => r.signIn.perLib[id].preflights.median), fmt: num },
    { key: 'coldPreflights', group: 'Requests', label: 'CORS preflights, first sign-in on a fresh page', value: L((id) => r.cold.perLib[id].firstSignInPreflights.median), fmt: num },
    { key: 'requests', group: 'Requests', label: 'HTTP requests per sign-in, total (warm page)', value: L((id) => r.signIn.perLib[id].posts.median + r.signIn.perLib[id].preflights.median), fmt: num },
    { key: 'peakHeap', group: 'Memory', label: 'Peak JS heap (sign-in flows)', value: mem('peakHeap'), fmt: mb, unit: 'MB' },
    { key: 'retainedHeap', group: 'Memory', label: 'JS heap after GC, signed out', value: mem('retainedHeap'), fmt: mb, unit: 'MB' },
    { key: 'wasmMemory', group: 'Memory', label: 'wasm linear memory', value: mem('wasmMemory'), fmt: mb, unit: 'MB' },
    { key: 'peakTotal', group: 'Memory', label: 'Peak JS heap + wasm memory', value: mem('peakTotal'), fmt: mb, unit: 'MB' },
  ];
  for (const row of out) {
    row.show ??= L((id) => (Number.isFinite(row.value[id]) ? row.fmt(row.value[id]) : '—'));
    row.ratio = {
      [CW]: ratio(row.value[CW], row.value[AMP]),
      [IJS]: ratio(row.value[IJS], row.value[AMP]),
    };
  }
  return out;
}
function ratio(a, b) {
  if (a == null || b == null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return a / b;
}
const fmtRatio = (x) => (x == null ? '—' : x >= 10 ? x.toFixed(1) : x >= 0.1 ? x.toFixed(2) : x === 0 ? '0' : x.toFixed(3));

// ---------------------------------------------------------------------------------------
export function markdownTable(r) {
  const lines = [
    '| Metric | cognito-wasm | aws-amplify v6 | amazon-cognito-identity-js | cognito-wasm ÷ Amplify | identity-js ÷ Amplify |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of rows(r)) {
    const unit = row.unit ? ` (${row.unit})` : '';
    const target = row.target != null ? ` (target ≤ ${row.target})` : '';
    let cwRatio = fmtRatio(row.ratio[CW]);
    if (row.target != null && row.ratio[CW] != null) cwRatio = `**${cwRatio}**${row.ratio[CW] <= row.target ? ' ✓' : ' ✗'}`;
    lines.push(`| ${row.label}${unit}${target} | ${row.show[CW]} | ${row.show[AMP]} | ${row.show[IJS]} | ${cwRatio} | ${fmtRatio(row.ratio[IJS])} |`);
  }
  return lines.join('\n');
}

function markdown(r) {
  const m = r.meta;
  const v = m.versions;
  const w = r.bundle.wasm;
  const cwApp = r.bundle.apps[CW];
  const srpCw = r.srp.perLib[CW];
  return `# Benchmark: cognito-wasm vs aws-amplify v6 vs amazon-cognito-identity-js

${m.quick ? '**Quick run (few rounds): not for comparison.**\n\n' : ''}${m.loadAverage?.start > m.cpus / 2 ? `**The machine was busy when this ran (1-minute load average ${m.loadAverage.start.toFixed(2)} on ${m.cpus} CPUs): times are noisy.**\n\n` : ''}Run ${m.date.slice(0, 16).replace('T', ' ')} UTC, headless Chromium ${m.chromium}, ${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}, load average ${m.loadAverage?.start?.toFixed(2) ?? '?'} → ${m.loadAverage?.end?.toFixed(2) ?? '?'}.
cognito-wasm ${v['cognito-wasm']} (git ${m.git.commit ?? '?'}${m.git.dirty ? ', uncommitted changes in src/' : ''}), aws-amplify ${v['aws-amplify']} (@aws-amplify/auth ${v['@aws-amplify/auth']}), amazon-cognito-identity-js ${v['amazon-cognito-identity-js']}, esbuild ${v.esbuild}. Took ${m.durationS} s.

${markdownTable(r)}

Times are medians with (p25–p75); every ratio is of medians, lower is better; ✓/✗ compare with the issue's targets.

- **Bundle**: the same app per library (configure, signIn, signUp, confirmSignUp, signOut, fetchAuthSession, getCurrentUser; \`bench/apps/\`), esbuild ${v.esbuild} bundle + minify + code splitting, ESM, browser; every chunk compressed on its own. "Downloaded through …" sums the chunks that flow fetches: for cognito-wasm the entry and the typed core (driver.js with its wasm, loaded with \`import()\` while the page is idle after configure()), not the chunks only other calls load: steps.js (a challenge, sign-up), device.js (a new device's confirmation), account.js (the account calls), oauth.js (the hosted UI), identity.js (identity pools), check.js (the full input rules, for malformed input only); "every chunk" adds those; "before configure()" counts the entry chunk and its static imports only. Every wasm module is inlined (deflated, then base64); the typed core's alone is ${kb(w.raw)} KB raw, ${kb(w.gzip)} KB gzip, ${kb(w.brotli)} KB brotli. Chunks: ${cwApp.chunks.map((c) => `${c.file.split('/').pop()} ${kb(c.gzip)} KB`).join(', ')}. "Every export": an app importing the whole auth API (\`import * as\`; Amplify with \`Amplify\` from aws-amplify).
- **SRP math**: a whole \`signIn\` with \`window.fetch\` replaced by a stub answering InitiateAuth with the same PASSWORD_VERIFIER challenge (SALT, SRP_B, SECRET_BLOCK of \`tests/vectors/srp.json\` cases "plain_ascii" and "short_a_256_bits", which differ only in \`a\`) and RespondToAuthChallenge with NotAuthorizedException; \`crypto.getRandomValues\` and \`Date\` are fixed as in the vectors. "As shipped": each library draws \`a\` as it does in use — cognito-wasm 32 bytes (256 bits, RFC 5054 §2.5.4), the SDKs 128 bytes — and each must send the signature amazon-cognito-identity-js computes for that \`a\` (cognito-wasm \`${r.srp.expected[CW].signature}\`, the others \`${r.srp.expected[AMP].signature}\`)${r.srpSameA ? `; "same 256-bit a": the SDKs get cognito-wasm's \`a\` zero-padded to their 128 bytes and all three must send \`${r.srpSameA.expected[CW].signature}\`` : ''}. ${r.srp.perLib[CW].samples.length} runs per library after ${m.config.srpWarmup} warm-up runs, interleaved. First (cold) run: cognito-wasm ${ms(srpCw.firstRunMs)} ms, Amplify ${ms(r.srp.perLib[AMP].firstRunMs)} ms, identity-js ${ms(r.srp.perLib[IJS].firstRunMs)} ms.
- **Sign-in**: USER_SRP_AUTH against ministack on this machine, ${r.signIn.rounds} rounds, the libraries taking turns (order rotated every round), each in its own browser context and signed out between rounds. Wall time is measured in the page; main-thread CPU is the change in the renderer main thread's CPU time (CDP \`Performance.getMetrics\` ThreadTime; busy time, TaskDuration, is in latest.json). CDP's own cost per measurement is about ${ms(r.signIn.cdpOverheadCpuMs[CW])} ms of CPU and is not subtracted. ministack's own SRP work is inside the wall time and the same for all.
- **Requests**: counted with CDP Network events (preflights show up there as OPTIONS requests; Playwright's request event does not see them). Amplify calls fetch with \`cache: 'no-store'\`, which makes Chromium skip its preflight cache.
- **Cold start**: a new browser context per run (empty caches; the server sends \`no-store\`), time from navigation start to the app's \`bench-ready\` mark (module evaluated, configure() returned; cognito-wasm compiles its wasm later, while the page is idle), then the first sign-in on that page. ${r.cold.runs} runs per library, interleaved.
- **Memory**: on a fresh page per library, ${m.config.memFlows} sign-in → getCurrentUser → fetchAuthSession → signOut flows with V8's GC events traced; the peak JS heap is the largest heap size seen before any collection (or at the end), since the heap only grows between collections. "After GC" is CDP \`Runtime.getHeapUsage\` after a forced collection. wasm memory is the size of every WebAssembly.Memory the page created (it only grows). A page with no library uses ${mb(r.memory.blankPageHeap)} MB of JS heap.

Raw samples: \`latest.json\`. Chart: \`ratios.svg\`. Re-run: \`./scripts/bench.sh\` (sets up and builds first), or \`npm run bench\` once set up.
`;
}

// ---------------------------------------------------------------------------------------
// SVG chart: one row per metric, a bar from 1 to the cognito-wasm / Amplify ratio on a log
// axis, the target as a tick, identity-js / Amplify as a grey diamond.
const CHART_KEYS = ['bundleGzip', 'bundleBrotli', 'srpMath', 'srpCpu', 'signInWall', 'signInCpu', 'coldReady', 'coldFirstSignIn', 'coldFirstSignInCpu', 'requests', 'peakTotal'];
const CHART_LABELS = {
  bundleGzip: 'Bundle, gzip',
  bundleBrotli: 'Bundle, brotli',
  srpMath: 'SRP math (wall)',
  srpCpu: 'SRP math (CPU)',
  signInWall: 'Sign-in wall time',
  signInCpu: 'Sign-in main-thread CPU',
  coldReady: 'Cold start: nav → ready',
  coldFirstSignIn: 'First sign-in, fresh page',
  coldFirstSignInCpu: 'First sign-in CPU, fresh page',
  requests: 'HTTP requests per sign-in',
  peakTotal: 'Peak JS heap + wasm memory',
};
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function svgChart(r) {
  const all = rows(r);
  const data = CHART_KEYS.map((k) => all.find((x) => x.key === k)).filter(Boolean);
  const lo = -2; // 0.01
  const hi = 1; // 10
  const W = 820;
  const left = 230;
  const right = 80;
  const top = 58;
  const rowH = 30;
  const H = top + data.length * rowH + 70;
  const plotW = W - left - right;
  const clampLog = (x) => Math.min(hi, Math.max(lo, Math.log10(Math.max(x, 10 ** lo))));
  const X = (x) => left + ((clampLog(x) - lo) / (hi - lo)) * plotW;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">cognito-wasm ÷ aws-amplify v6 (lower is better, log scale)</text>`);
  out.push(`<text x="${W / 2}" y="40" text-anchor="middle" fill="#555">${esc(`${r.meta.date.slice(0, 10)} · Chromium ${r.meta.chromium} · ${r.meta.cpus} CPUs${r.meta.quick ? ' · QUICK RUN' : ''}`)}</text>`);
  out.push(`<text x="${W - 12}" y="${top - 10}" text-anchor="end" fill="#555">ratio</text>`);
  // grid
  for (const g of [0.01, 0.03, 0.1, 0.3, 1, 3, 10]) {
    const x = X(g).toFixed(1);
    const major = [0.01, 0.1, 1, 10].includes(g);
    out.push(`<line x1="${x}" y1="${top - 6}" x2="${x}" y2="${top + data.length * rowH}" stroke="${g === 1 ? '#333' : major ? '#ccc' : '#eee'}" stroke-width="${g === 1 ? 1.5 : 1}"/>`);
    out.push(`<text x="${x}" y="${top + data.length * rowH + 16}" text-anchor="middle" fill="#555">${g}×</text>`);
  }
  data.forEach((row, i) => {
    const y = top + i * rowH;
    const cy = y + rowH / 2;
    if (i % 2 === 0) out.push(`<rect x="0" y="${y}" width="${W}" height="${rowH}" fill="#f7f7f7" opacity="0.6"/>`);
    out.push(`<text x="${left - 10}" y="${cy + 4}" text-anchor="end">${esc(CHART_LABELS[row.key])}</text>`);
    const v = row.ratio[CW];
    if (v != null) {
      const x1 = X(1);
      const x2 = X(v);
      const good = row.target != null ? v <= row.target : v <= 1;
      const color = good ? '#2e8b57' : '#d9534f';
      out.push(`<rect x="${Math.min(x1, x2).toFixed(1)}" y="${cy - 8}" width="${Math.max(1.5, Math.abs(x2 - x1)).toFixed(1)}" height="16" fill="${color}" opacity="0.85"/>`);
      out.push(`<text x="${W - 12}" y="${cy + 4}" text-anchor="end" font-weight="600" fill="${color}">${fmtRatio(v)}×</text>`);
    }
    const ij = row.ratio[IJS];
    if (ij != null) {
      const x = X(ij);
      out.push(`<path d="M${x.toFixed(1)} ${cy - 6} l5 6 l-5 6 l-5 -6 z" fill="#888" stroke="#fff" stroke-width="1"/>`);
    }
    if (row.target != null) {
      const x = X(row.target).toFixed(1);
      out.push(`<line x1="${x}" y1="${y + 3}" x2="${x}" y2="${y + rowH - 3}" stroke="#1f4e9c" stroke-width="2.5" stroke-dasharray="4 2"/>`);
      out.push(`<text x="${x}" y="${y + 8}" dx="3" font-size="9" fill="#1f4e9c">≤${row.target}</text>`);
    }
  });
  const ly = top + data.length * rowH + 40;
  out.push(`<rect x="${left}" y="${ly - 9}" width="14" height="10" fill="#2e8b57"/><text x="${left + 20}" y="${ly}">cognito-wasm, meets target (or ≤ 1× without one)</text>`);
  out.push(`<rect x="${left + 340}" y="${ly - 9}" width="14" height="10" fill="#d9534f"/><text x="${left + 360}" y="${ly}">misses the target (or &gt; 1×)</text>`);
  out.push(`<line x1="${left}" y1="${ly + 12}" x2="${left}" y2="${ly + 24}" stroke="#1f4e9c" stroke-width="2.5" stroke-dasharray="4 2"/><text x="${left + 8}" y="${ly + 22}">target from the issue</text>`);
  out.push(`<path d="M${left + 347} ${ly + 12} l5 6 l-5 6 l-5 -6 z" fill="#888"/><text x="${left + 360}" y="${ly + 22}">amazon-cognito-identity-js ÷ Amplify</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Replaces the text between the markers; returns false if the file has no markers. */
function fillMarkers(file, body) {
  if (!existsSync(file)) return false;
  // The markers count only on lines of their own (so prose may mention them).
  const text = readFileSync(file, 'utf8');
  const m = new RegExp(`^${BEGIN}[ \\t]*\\n[\\s\\S]*?^${END}[ \\t]*$`, 'm').exec(text);
  if (!m) return false;
  writeFileSync(file, text.slice(0, m.index) + `${BEGIN}\n${body}\n${END}` + text.slice(m.index + m[0].length));
  return true;
}

export function writeReports(r, dir, { updateReadmes = true } = {}) {
  r.ratios = Object.fromEntries(rows(r).map((row) => [row.key, { [CW]: row.ratio[CW], [IJS]: row.ratio[IJS], target: row.target ?? null }]));
  r.targets = TARGETS;
  const files = [join(dir, 'latest.json'), join(dir, 'latest.md'), join(dir, 'ratios.svg')];
  writeFileSync(files[0], JSON.stringify(r, null, 2) + '\n');
  writeFileSync(files[1], markdown(r));
  writeFileSync(files[2], svgChart(r));
  if (updateReadmes) {
    const m = r.meta;
    const summaryBlock = `Latest run (${m.date.slice(0, 10)}, headless Chromium ${m.chromium}, ${m.cpus} CPUs; details and method in [bench/results/latest.md](${'bench/results/latest.md'})):\n\n${markdownTable(r)}\n\n![cognito-wasm ÷ Amplify ratios](bench/results/ratios.svg)`;
    const local = summaryBlock.replaceAll('bench/results/', 'results/');
    if (fillMarkers(join(benchDir, 'README.md'), local)) files.push(join(benchDir, 'README.md'));
    if (fillMarkers(join(root, 'README.md'), summaryBlock)) files.push(join(root, 'README.md'));
    else console.log(`[bench] README.md has no ${BEGIN} … ${END} markers; the table is in bench/README.md and bench/results/latest.md`);
  }
  return files.map((f) => relative(root, f));
}
