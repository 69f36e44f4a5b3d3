// What the package's JavaScript refers to that no library here declares.

// Next.js edge runtimes import a .wasm file as a compiled module (edge.js).
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}

// Defined in workers only; the DOM library does not declare it (index.js tests for it).
declare var WorkerGlobalScope: unknown;
