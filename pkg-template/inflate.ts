// Raw DEFLATE decompression (RFC 1951), synchronous: the fallback of unpack.js for a
// browser (or runtime) without DecompressionStream('deflate-raw'); only such a page
// fetches this chunk.
//
// The decoder is itself a ~5 KB wasm module (inflate/ in the repository), inlined
// below by the build: on a cold page a JavaScript decoder runs mostly in V8's
// interpreter (~15 ms for our module), compiled wasm in about a third of that.
// Its own base64 decoding: importing unpack.js's would split that into a chunk of its own.
const INFLATE_WASM = '__INFLATE_WASM_BASE64__';
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** Inflates raw DEFLATE `src` into `size` bytes (a view that owns its own memory). */
export function inflate(src: Uint8Array, size: number) {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(fromBase64(INFLATE_WASM)));
  const memory = exports.memory as WebAssembly.Memory;
  const inflateInto = exports.inflate_into as (src: number, len: number, dst: number, size: number) => number;
  // Input and output go past everything the decoder uses (its stack and data).
  const base = memory.buffer.byteLength;
  memory.grow(Math.ceil((src.length + size) / 65536));
  new Uint8Array(memory.buffer, base, src.length).set(src);
  if (inflateInto(base, src.length, base + src.length, size) !== 0) {
    throw new Error('cognito-wasm: corrupt wasm data');
  }
  return new Uint8Array(memory.buffer, base + src.length, size);
}
