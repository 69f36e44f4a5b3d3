// Shared by the browser tests: run a function in a page with the package loaded.

/**
 * Runs `body` (an async function taking the module `m` and `arg`, passed as source)
 * in `page` with /pkg/index.js imported. Resolves to `{ ok }` or `{ error }` (an
 * AuthError's name, message, recoverySuggestion and metadata, plain data).
 */
export function runInPage(page, body, arg) {
  return page.evaluate(
    async ({ body, arg }) => {
      const m = await import('/pkg/index.js');
      const fn = new Function('m', 'arg', `return (${body})(m, arg);`);
      try {
        return { ok: await fn(m, arg) };
      } catch (e) {
        return {
          error: {
            isAuthError: e instanceof m.AuthError,
            name: e.name,
            message: e.message,
            recoverySuggestion: e.recoverySuggestion,
            metadata: e.metadata,
          },
        };
      }
    },
    { body: body.toString(), arg },
  );
}
