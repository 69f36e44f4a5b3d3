// The JavaScript side of the typed wasm modules' ABI (src/wasm_abi.rs has the
// contract): strings go in as UTF-8 the module owns from then on, text comes back
// through one result buffer, errors as their JSON text. Hand-written instead of
// wasm-bindgen's generated glue: the same calls in about a tenth of the bytes.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Helpers over an instantiated module's exports `x`. */
export function abi(x) {
  const view = (ptr, len) => new Uint8Array(x.memory.buffer, ptr, len);
  // A string or byte argument as (ptr, len); absent (null/undefined) is (0, 0).
  const put = (v) => {
    if (v == null) return [0, 0];
    const bytes = typeof v === 'string' ? encoder.encode(v) : v;
    const ptr = x.cw_alloc(bytes.length);
    if (!ptr) throw new Error('cognito-wasm: out of memory');
    view(ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  };
  // Numbers pass as they are; everything else as put().
  const args = (list) => list.flatMap((v) => (typeof v === 'number' ? [v] : put(v)));
  const read = (n) => decoder.decode(view(x.cw_out(), n));
  // Text (n ≥ 0), no value (-1), or an error's JSON (-2 - n), thrown as the string it is.
  const text = (r) => {
    if (r === -1) return undefined;
    if (r < -1) throw read(-2 - r);
    return read(r);
  };
  const handle = (r) => {
    if (r < 0) throw read(-2 - r);
    return r;
  };
  const call = (f, ...list) => text(f(...args(list)));
  return { put, args, text, handle, call };
}
