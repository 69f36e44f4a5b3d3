// cognito-wasm/adapter-nextjs: `createServerRunner({ config })` → `{ runWithAmplifyServerContext }`, as
// `@aws-amplify/adapter-nextjs`, over cognito-wasm/server. `nextServerContext` is `{ cookies }` (the
// `cookies` function of `next/headers`: server components, server actions, route handlers),
// `{ request, response }` (middleware, route handlers: NextRequest and NextResponse; refreshed
// tokens go into the response's cookies), or `null` (no request: nobody is signed in).
import { runWithServerContext } from './server.js';

const EMPTY = { get: () => undefined };

// Next throws when a server component writes a cookie: the refreshed session still answers
// this request, and the browser refreshes on its own next time.
const quietly = (fn) => {
  try {
    fn();
  } catch {
    /* a read-only cookie store */
  }
};

async function cookiesOf(nextServerContext) {
  if (nextServerContext == null) return EMPTY;
  const { cookies, request, response } = nextServerContext;
  if (typeof cookies === 'function') {
    const store = await cookies(); // a promise since Next 15, the store before
    return {
      get: (name) => store.get(name),
      set: (name, value, options) => quietly(() => store.set(name, value, options)),
      delete: (name) => quietly(() => store.delete(name)),
    };
  }
  if (request?.cookies) {
    return {
      get: (name) => request.cookies.get(name),
      set(name, value, options) {
        quietly(() => request.cookies.set(name, value)); // later reads in this request see it
        if (response?.cookies) quietly(() => response.cookies.set(name, value, options));
      },
      delete(name) {
        quietly(() => request.cookies.delete(name));
        if (response?.cookies) quietly(() => response.cookies.delete(name));
      },
    };
  }
  throw new TypeError('nextServerContext must be { cookies }, { request, response } or null');
}

/** `runWithAmplifyServerContext({ nextServerContext, operation })` for this config. */
export function createServerRunner({ config }) {
  return {
    async runWithAmplifyServerContext({ nextServerContext, operation }) {
      return runWithServerContext({ config, cookies: await cookiesOf(nextServerContext) }, operation);
    },
  };
}
