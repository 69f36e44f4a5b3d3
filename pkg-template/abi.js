// The JavaScript side of the typed wasm modules' ABI (wasm/src/abi.rs has the
// contract): strings go in as UTF-8 the module owns from then on, text comes back
// through one result buffer, errors as their JSON text. Hand-written instead of
// wasm-bindgen's generated glue: the same calls in about a tenth of the bytes.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Helpers over an instantiated module's exports `x`. */
export function abi(x) {
  const view = (ptr, len) => new Uint8Array(x.memory.buffer, ptr, len);
  // A string or byte argument as (ptr, len); absent (null/undefined) is (0, 0). Any
  // other value goes as its text (a store may hand back a number), never as a number:
  // each argument always takes the same two slots, so nothing after it can shift.
  const put = (v) => {
    if (v == null) return [0, 0];
    const bytes = v instanceof Uint8Array ? v : encoder.encode(String(v));
    const ptr = x.cw_alloc(bytes.length);
    if (!ptr) throw new Error('cognito-wasm: out of memory');
    view(ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  };
  // String (or byte) arguments; numbers are passed in their own slots by the caller.
  const args = (list) => list.flatMap(put);
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
  /** `f` with string arguments `list`, then `numbers` (each in its own slot). */
  const call = (f, list, ...numbers) => text(f(...args(list), ...numbers));
  return { put, args, text, handle, call };
}

/** Owns one handle of a module; free() releases it (idempotent). */
export class Handle {
  constructor(h, free) {
    this.h = h;
    this.release = free;
  }
  free() {
    if (this.h) this.release(this.h);
    this.h = 0;
  }
}
