// What the package's sources refer to that no library here declares.

// Each wasm module, inlined by scripts/assemble-pkg.mjs (deflated, then base64).
declare module '*_inline.js' {
  export const wasmSize: number;
  export const wasmBase64: string;
}

// Next.js edge runtimes import a .wasm file as a compiled module (edge.ts).
declare module '*.wasm?module' {
  const module: WebAssembly.Module;
  export default module;
}

// Newer than the libraries here (unpack.ts tests for it).
interface Uint8ArrayConstructor {
  fromBase64?(base64: string): Uint8Array<ArrayBuffer>;
}

// Defined in workers only; the DOM library does not declare it (index.ts tests for it).
declare var WorkerGlobalScope: unknown;
