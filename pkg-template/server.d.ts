// Types for cognito-wasm/server.
import type { AuthUser, AuthSession, ResourcesConfig, LegacyConfig, UserAttributeKey } from './index.js';

/** What identifies one request's context; pass it on, do not look inside. */
export interface ServerContextSpec {
  readonly token: { readonly value: symbol };
}

/** A request's cookies: `get` (a string or `{ value }`), and `set`/`delete` to keep refreshed tokens. */
export interface ServerCookies {
  get(name: string): string | { value?: string } | undefined | null;
  set?(name: string, value: string, options?: { path?: string; sameSite?: 'lax' | 'strict' | 'none'; secure?: boolean; expires?: Date }): unknown;
  delete?(name: string): unknown;
  remove?(name: string): unknown;
}

/** Runs `operation` with the user the request's cookies hold (written by `configure(config, { ssr: true })`). */
export declare function runWithServerContext<T>(
  context: { config: ResourcesConfig | LegacyConfig; cookies: ServerCookies },
  operation: (contextSpec: ServerContextSpec) => T | Promise<T>,
): Promise<T>;
export declare function fetchAuthSession(contextSpec: ServerContextSpec, options?: { forceRefresh?: boolean }): Promise<AuthSession>;
export declare function getCurrentUser(contextSpec: ServerContextSpec): Promise<AuthUser>;
export declare function fetchUserAttributes(contextSpec: ServerContextSpec): Promise<Partial<Record<UserAttributeKey, string>>>;
/**
 * For hosts that refuse to compile WebAssembly from bytes (edge runtimes): the modules the server
 * calls need, compiled by the host from the package's `cognito_wasm_v2.wasm`, `cognito_wasm_account.wasm`
 * and `cognito_wasm_identity.wasm`. Next.js's Edge runtime needs nothing: the package's `edge-light`
 * export does it.
 */
export declare function useCompiledWasm(modules: { core: WebAssembly.Module; account?: WebAssembly.Module; identity?: WebAssembly.Module }): void;
