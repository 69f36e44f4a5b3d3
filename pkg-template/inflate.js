// Raw DEFLATE decompression (RFC 1951), synchronous. The main wasm ships deflated
// inside the JS (base64 of raw wasm compresses badly once the page is gzipped;
// base64 of deflated wasm costs almost nothing more), and it must be ready
// synchronously for configure(), so DecompressionStream (async) cannot be used.
//
// The decoder is itself a ~5 KB wasm module (inflate/ in the repository), inlined
// below by the build: on a cold page a JavaScript decoder runs mostly in V8's
// interpreter (~15 ms for our module), compiled wasm in about a third of that.
const INFLATE_WASM = '__INFLATE_WASM_BASE64__';

export function fromBase64(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** Inflates raw DEFLATE `src` into `size` bytes (a view that owns its own memory). */
export function inflate(src, size) {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(fromBase64(INFLATE_WASM)));
  const memory = exports.memory;
  // Input and output go past everything the decoder uses (its stack and data).
  const base = memory.buffer.byteLength;
  memory.grow(Math.ceil((src.length + size) / 65536));
  new Uint8Array(memory.buffer, base, src.length).set(src);
  if (exports.inflate_into(base, src.length, base + src.length, size) !== 0) {
    throw new Error('cognito-wasm: corrupt wasm data');
  }
  return new Uint8Array(memory.buffer, base + src.length, size);
}
