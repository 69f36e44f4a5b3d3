// The page-wide Authenticator state the framework wrappers share (React's useAuthenticator,
// Vue's useAuthenticator, Angular's AuthenticatorService): the most recently updated
// <cognito-authenticator>, or, with none on the page (Amplify's Authenticator.Provider on a
// page of its own), the session itself, checked once configured and after every sign-in or out.
import { getConfig, getCurrentUser, signOut as authSignOut, Hub } from '../index.js';
import type { AuthUser } from 'cognito-wasm';
import type { AuthenticatorRoute, AuthStatus } from 'cognito-wasm/ui';

interface State {
  route: AuthenticatorRoute;
  authStatus: AuthStatus;
  user: AuthUser | undefined;
  validationErrors: Record<string, string>;
}
let state: State = { route: 'idle', authStatus: 'configuring', user: undefined, validationErrors: {} };
let current: any = null; // the authenticator element last heard from
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((fn) => fn());
const onPage = () => Boolean(current?.isConnected);

/** The current `{ route, authStatus, user, validationErrors }` (a new object after each change). */
export const getState = () => state;

/** Calls `fn` after each change; returns the unsubscribe function. */
export function subscribe(fn) {
  listeners.add(fn);
  watch();
  return () => listeners.delete(fn);
}

/** Called by a wrapper when its element reports a change (`authchange`). */
export function publish(el) {
  current = el;
  state = { route: el.route, authStatus: el.authStatus, user: el.user, validationErrors: el.validationErrors ?? {} };
  notify();
}

/** Called by a wrapper when its element leaves the page: the store follows the session again. */
export function unpublish(el) {
  if (current !== el) return;
  current = null;
  recheck();
}

let recheck = () => {};

export const actions = {
  signOut: () => (onPage() ? current.signOut() : authSignOut()),
  toSignIn: () => current?.toSignIn(),
  toSignUp: () => current?.toSignUp(),
  toForgotPassword: () => current?.toForgotPassword(),
};

let watching = false;
function watch() {
  if (watching || typeof window === 'undefined') return; // no session to follow during SSR
  watching = true;
  const configured = () => {
    try {
      return Boolean(getConfig().Auth?.Cognito?.userPoolId);
    } catch {
      return false;
    }
  };
  let seq = 0;
  const check = () => {
    // The element knows best; before configure(), its Hub 'core' event checks again.
    if (onPage() || !configured()) return;
    const mine = ++seq;
    getCurrentUser().then(
      (user) => mine === seq && !onPage() && set({ route: 'authenticated', authStatus: 'authenticated', user }),
      () => mine === seq && !onPage() && set({ route: 'idle', authStatus: 'unauthenticated', user: undefined }),
    );
  };
  const set = (s: Omit<State, 'validationErrors'>) => {
    state = { ...s, validationErrors: {} };
    notify();
  };
  recheck = check;
  Hub.listen('auth', ({ payload }) => {
    if (['signedIn', 'signedOut', 'signInWithRedirect', 'tokenRefresh_failure'].includes(payload?.event)) check();
  });
  Hub.listen('core', ({ payload }) => payload?.event === 'configure' && check());
  // After the wrappers' own elements have had their first say.
  setTimeout(check, 0);
}
