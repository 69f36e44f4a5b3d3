// The package's implementation (pkg-template/*.ts) against its public declarations
// (pkg/*.d.ts, hand-written), for each entry point: every declared export is
// implemented, each one's value fits its declared type (a function taking more
// arguments than declared, or a class without a declared member, fails), and nothing
// is exported undeclared.
import type * as Api from '../../pkg/index.js';
import type * as Impl from '../../pkg-template/index.js';
import type * as ServerApi from '../../pkg/server.js';
import type * as ServerImpl from '../../pkg-template/server.js';
import type * as NextApi from '../../pkg/adapter-nextjs.js';
import type * as NextImpl from '../../pkg-template/adapter-nextjs.js';

/**
 * `true` when `I` has every export of `D`, each of its declared type (else it does not
 * compile), and no other (else the names of the others).
 */
type Implements<D, I extends { [K in keyof D]: D[K] }> = [Exclude<keyof I, keyof D>] extends [never] ? true : Exclude<keyof I, keyof D>;
/** Compiles only when `T` is `true`. */
type Holds<T extends true> = T;

export type Browser = Holds<Implements<typeof Api, typeof Impl>>;
export type Server = Holds<Implements<typeof ServerApi, typeof ServerImpl>>;
export type NextAdapter = Holds<Implements<typeof NextApi, typeof NextImpl>>;
