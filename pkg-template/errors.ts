// What the browser entry (index.js) and the server entry (server.js) share: the error
// class, the reading of the core's error JSON, and percent-decoding that tolerates text
// nobody encoded (cookie names and values).

import type * as Api from 'cognito-wasm';

/** What an AuthError is made of (its public constructor's argument, index.d.ts). */
type AuthErrorInit = ConstructorParameters<typeof Api.AuthError>[0];

/** An error from an auth call: `name` is stable (Cognito's exception name or ours). */
export class AuthError extends Error {
  declare recoverySuggestion?: string;
  declare underlyingError?: unknown;
  /** Only when the server answered (an own property then, absent otherwise). */
  declare metadata?: Api.AuthErrorMetadata;
  constructor({ name, message, recoverySuggestion, underlyingError, metadata }: AuthErrorInit) {
    super(message);
    this.name = name;
    this.recoverySuggestion = recoverySuggestion;
    this.underlyingError = underlyingError;
    if (metadata) this.metadata = metadata;
  }
}

// JSON nulls become absent fields, as Amplify leaves them undefined.
export const dropNulls = (_key: string, value: unknown) => (value === null ? undefined : value);

/** An AuthError from what a call threw: one already, the core's error JSON, or anything else (`Unknown`). */
export function toAuthError(e: unknown): AuthError {
  if (e instanceof AuthError) return e;
  if (typeof e === 'string') {
    try {
      return new AuthError(JSON.parse(e, dropNulls));
    } catch {
      /* not one of ours */
    }
  }
  return new AuthError({
    name: 'Unknown',
    message: 'An unknown error has occurred.',
    underlyingError: e,
  });
}

/** `decodeURIComponent`, or the text as it is when nobody percent-encoded it. */
export const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
