// Preloaded into `next start` (NODE_OPTIONS=--require): makes Next.js's local edge sandbox as
// strict as deployed edge runtimes (Vercel's Edge, Cloudflare's workers), which refuse to
// compile WebAssembly from bytes at run time. Next creates each edge context with
// vm.createContext(…, { name: 'Edge Runtime', codeGeneration }); here that context never
// may generate code, so only modules the host compiled (a `.wasm?module` import) can run.
const vm = require('node:vm');

const createContext = vm.createContext;
vm.createContext = function strictEdge(sandbox, options) {
  if (options?.name === 'Edge Runtime') options = { ...options, codeGeneration: { strings: false, wasm: false } };
  return createContext.call(this, sandbox, options);
};
