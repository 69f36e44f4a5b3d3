// Types for cognito-wasm/adapter-nextjs.
import type { ResourcesConfig, LegacyConfig } from './index.js';
import type { ServerContextSpec } from './server.js';

interface CookieStoreLike {
  get(name: string): { value?: string } | undefined;
  set?(name: string, value: string, options?: object): unknown;
  delete?(name: string): unknown;
}

/** `{ cookies }` from `next/headers`, `{ request, response }` (NextRequest, NextResponse), or `null`. */
export type NextServerContext =
  | { cookies: () => CookieStoreLike | Promise<CookieStoreLike> }
  | { request: { cookies: CookieStoreLike }; response?: { cookies: CookieStoreLike } }
  | null;

export interface CreateServerRunnerOutput {
  runWithAmplifyServerContext<T>(input: { nextServerContext: NextServerContext; operation: (contextSpec: ServerContextSpec) => T | Promise<T> }): Promise<T>;
}

export declare function createServerRunner(input: { config: ResourcesConfig | LegacyConfig }): CreateServerRunnerOutput;
