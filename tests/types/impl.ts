// The package's implementation (pkg-template/*.ts) against its public declarations
// (hand-written, read as built into pkg/, where they import each other by relative
// path), for each entry point: every declared export is implemented, each one's value
// fits its declared type (a function taking more arguments than declared, or a class
// without a declared member, fails), and nothing is exported undeclared.
import type * as Api from '../../pkg/index.js';
import type * as Impl from '../../pkg-template/index.js';
import type * as ServerApi from '../../pkg/server.js';
import type * as ServerImpl from '../../pkg-template/server.js';
import type * as NextApi from '../../pkg/adapter-nextjs.js';
import type * as NextImpl from '../../pkg-template/adapter-nextjs.js';
import type * as UiApi from '../../pkg/ui/index.js';
import type * as UiImpl from '../../pkg-template/ui/index.js';
import type * as ReactApi from '../../pkg/react/index.js';
import type * as ReactImpl from '../../pkg-template/react/index.js';
import type * as VueApi from '../../pkg/vue/index.js';
import type * as VueImpl from '../../pkg-template/vue/index.js';
import type * as ComponentsApi from '../../pkg/ui-components/index.js';
import type * as ComponentsImpl from '../../pkg-template/ui-components/index.js';
import type * as LoaderApi from '../../pkg/ui-components/loader.js';
import type * as LoaderImpl from '../../pkg-template/ui-components/loader.js';
import type * as AngularApi from '../../pkg/angular/index.js';
import type * as AngularImpl from '../../pkg-template/angular/index.js';

/**
 * `true` when `I` has every export of `D`, each of its declared type (else it does not
 * compile), and no other (else the names of the others).
 */
type Implements<D, I extends { [K in keyof D]: D[K] }> = [Exclude<keyof I, keyof D>] extends [never] ? true : Exclude<keyof I, keyof D>;
/** `true` when `I` exports the names `D` declares and no others, else the names that differ. */
type SameNames<D, I> = [Exclude<keyof I, keyof D> | Exclude<keyof D, keyof I>] extends [never] ? true : Exclude<keyof I, keyof D> | Exclude<keyof D, keyof I>;
/** Compiles only when `T` is `true`. */
type Holds<T extends true> = T;

export type Browser = Holds<Implements<typeof Api, typeof Impl>>;
export type Server = Holds<Implements<typeof ServerApi, typeof ServerImpl>>;
export type NextAdapter = Holds<Implements<typeof NextApi, typeof NextImpl>>;
export type Ui = Holds<Implements<typeof UiApi, typeof UiImpl>>;
// The React and Vue wrappers by their exports' names only: their values' types are
// the frameworks' (checked in use by react-usage.tsx and vue-usage.ts).
export type React = Holds<SameNames<typeof ReactApi, typeof ReactImpl>>;
export type Vue = Holds<SameNames<typeof VueApi, typeof VueImpl>>;
export type Components = Holds<Implements<typeof ComponentsApi, typeof ComponentsImpl>>;
export type Loader = Holds<Implements<typeof LoaderApi, typeof LoaderImpl>>;
// The Angular wrapper by its exports' names: its classes' static ɵ declarations are typed
// for the Angular compiler in the declarations and as the runtime returns them here. The
// service apps inject and call, by type.
export type Angular = Holds<SameNames<typeof AngularApi, typeof AngularImpl>>;
export type AngularService = Holds<Implements<AngularApi.AuthenticatorService, AngularImpl.AuthenticatorService>>;
// And the component's inputs, which the implementation passes on to the element.
type Inputs = Exclude<keyof AngularApi.AuthenticatorComponent, `ng${string}`>;
export type AngularInputs = Holds<Implements<Pick<AngularApi.AuthenticatorComponent, Inputs>, Pick<AngularImpl.AuthenticatorComponent, Inputs>>>;
