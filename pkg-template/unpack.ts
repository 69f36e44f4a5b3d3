// The wasm modules ship inline as base64 of raw DEFLATE, so no bundler needs to know
// about .wasm files. The browser's own DecompressionStream unpacks them; only where
// it is missing (Safari before 16.4, old Node) is the small decoder (inflate.js)
// fetched, as a chunk of its own.

export function fromBase64(b64: string): Uint8Array<ArrayBuffer> {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The module's bytes from its base64 text (`size` bytes once inflated). */
export async function unpack(b64: string, size: number): Promise<Uint8Array<ArrayBuffer>> {
  const packed = fromBase64(b64);
  let stream;
  try {
    stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  } catch {
    // No DecompressionStream, or not for raw DEFLATE.
    const { inflate } = await import('./inflate.js');
    return inflate(packed, size);
  }
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  if (bytes.length !== size) throw new Error('cognito-wasm: corrupt wasm data');
  return bytes;
}

/**
 * The module compiled once (a failure is not remembered: the next call tries again);
 * each call resolves to a new instance's exports (a server makes one per request).
 * `precompiled`: the module as a `WebAssembly.Module` the host compiled, for runtimes
 * that refuse to compile WebAssembly from bytes (edge runtimes; see edge.js).
 */
export function instances<X = WebAssembly.Exports>(b64: string, size: number) {
  let compiled: Promise<WebAssembly.Module> | undefined;
  return async (precompiled?: WebAssembly.Module): Promise<X> => {
    if (precompiled) return (await WebAssembly.instantiate(precompiled, {})).exports as X;
    compiled ??= unpack(b64, size).then((bytes) => WebAssembly.compile(bytes));
    try {
      // The module awaited first: Next's edge sandbox (next dev) wraps WebAssembly calls
      // in a plain function, where an `await` among the arguments is a syntax error.
      const module = await compiled;
      return (await WebAssembly.instantiate(module, {})).exports as X;
    } catch (e) {
      compiled = undefined;
      throw e;
    }
  };
}
