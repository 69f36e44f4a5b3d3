// The JavaScript side of the typed wasm modules' ABI (wasm/src/abi.rs has the
// contract): strings go in as UTF-8 the module owns from then on, text comes back
// through one result buffer, errors as their JSON text. Hand-written instead of
// wasm-bindgen's generated glue: the same calls in about a tenth of the bytes.

import type { AbiExports } from './wasm-exports.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** An argument as the ABI takes it: text (or bytes), or absent. */
export type Arg = string | Uint8Array | number | null | undefined;

/** The (ptr, len) slots of each argument in `T`, in order: what an export's parameters are. */
export type Pairs<T extends readonly unknown[]> = T extends readonly [unknown, ...infer R] ? [number, number, ...Pairs<R>] : [];

/** `unknown` (no constraint) when `F` takes exactly the arguments `A`, else a type no function has. */
type Fits<F extends (...a: number[]) => number, A extends number[]> = Parameters<F>['length'] extends A['length']
  ? A['length'] extends Parameters<F>['length']
    ? unknown
    : { argumentCount: 'differs from the export' }
  : { argumentCount: 'differs from the export' };

/** Helpers over an instantiated module's exports `x`. */
export function abi(x: AbiExports) {
  const view = (ptr: number, len: number) => new Uint8Array(x.memory.buffer, ptr, len);
  // A string or byte argument as (ptr, len); absent (null/undefined) is (0, 0). Any
  // other value goes as its text (a store may hand back a number), never as a number:
  // each argument always takes the same two slots, so nothing after it can shift.
  const put = (v: Arg): [number, number] => {
    if (v == null) return [0, 0];
    const bytes = v instanceof Uint8Array ? v : encoder.encode(String(v));
    const ptr = x.cw_alloc(bytes.length);
    if (!ptr) throw new Error('cognito-wasm: out of memory');
    view(ptr, bytes.length).set(bytes);
    return [ptr, bytes.length];
  };
  // String (or byte) arguments; numbers are passed in their own slots by the caller.
  const args = <const T extends readonly Arg[]>(list: T): Pairs<T> => list.flatMap(put) as Pairs<T>;
  const read = (n: number) => decoder.decode(view(x.cw_out(), n));
  // Text (n ≥ 0), no value (-1), or an error's JSON (-2 - n), thrown as the string it is.
  const text = (r: number): string | undefined => {
    if (r === -1) return undefined;
    if (r < -1) throw read(-2 - r);
    return read(r);
  };
  const handle = (r: number) => {
    if (r < 0) throw read(-2 - r);
    return r;
  };
  /**
   * `f` with string arguments `list`, then `numbers` (each in its own slot). Its type
   * fails to check unless they fill exactly the export's parameters.
   */
  const call = <const T extends readonly Arg[], N extends number[], F extends (...a: number[]) => number>(
    f: F & Fits<F, [...Pairs<T>, ...N]>,
    list: T,
    ...numbers: N
  ) => text(f(...args(list), ...numbers));
  return { put, args, text, handle, call };
}

/** Owns one handle of a module; free() releases it (idempotent). */
export class Handle {
  declare h: number;
  declare release: (h: number) => void;
  constructor(h: number, free: (h: number) => void) {
    this.h = h;
    this.release = free;
  }
  free() {
    if (this.h) this.release(this.h);
    this.h = 0;
  }
}
