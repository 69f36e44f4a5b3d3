// cognito-wasm/react: Amplify UI's React Authenticator API over <cognito-authenticator>.
// Plain React.createElement (no JSX to compile); works with React 18 and 19.
import { createElement as h, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, useCallback } from 'react';
import { defineAuthenticator, OPTIONS, slotStem } from '../ui/authenticator.js';
// The state is page-wide (ui/state.js): useAuthenticator() works anywhere, with or without an Authenticator.
import { getState, subscribe, publish, unpublish, actions } from '../ui/state.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

defineAuthenticator();

// Amplify UI's screen names in `components`, and the element's slot stem for each.
const SCREENS = {
  SignIn: 'sign-in', SignUp: 'sign-up', ConfirmSignUp: 'confirm-sign-up', ConfirmSignIn: 'confirm-sign-in',
  SelectMfaType: 'select-mfa-type', SetupTotp: 'setup-totp', SetupEmail: 'setup-email', ForceNewPassword: 'force-new-password',
  ForgotPassword: 'forgot-password', ConfirmResetPassword: 'confirm-reset-password', VerifyUser: 'verify-user', ConfirmVerifyUser: 'confirm-verify-user',
};
const PARTS = { Header: 'header', Footer: 'footer', FormFields: 'form-fields' };

/**
 * The Authenticator. `children` is a render function `({ user, signOut }) => …` or plain nodes,
 * shown once signed in. `components.Header` / `components.Footer` go above and below the forms;
 * `components.<Screen>.Header | Footer | FormFields` into that screen (FormFields after its own fields).
 */
export function Authenticator({ children, components, className, ...options }: { children?: any; components?: any; className?: string; [option: string]: any }) {
  const ref = useRef<any>(null);
  // Its own element's state (the page-wide one may already say signed in while this one loads).
  const [state, setState] = useState({ route: 'idle', authStatus: 'configuring', user: undefined });

  // Options are set as properties (objects and functions can't be attributes).
  useLayoutEffect(() => {
    const el = ref.current;
    for (const k of OPTIONS) if (options[k] !== undefined) el[k] = options[k];
  });

  useEffect(() => {
    const el = ref.current;
    const read = () => {
      publish(el);
      setState({ route: el.route, authStatus: el.authStatus, user: el.user });
    };
    el.addEventListener('authchange', read);
    if (el.route !== 'idle') read();
    return () => {
      el.removeEventListener('authchange', read);
      unpublish(el);
    };
  }, []);

  const signOut = useCallback(() => ref.current?.signOut(), []);
  const signedIn = state.route === 'authenticated';
  const content = signedIn ? (typeof children === 'function' ? children({ user: state.user, signOut }) : children) : null;
  const slot = (name, C) => (!signedIn && C ? h('div', { slot: name, key: name }, h(C)) : null);
  // Only the current screen's parts are rendered (the others would sit unseen in the light DOM).
  const stem = Object.keys(SCREENS).find((k) => SCREENS[k] === slotStem(state.route));
  const screen = stem && components?.[stem];
  const parts = screen ? Object.entries(PARTS).map(([k, v]) => slot(`${SCREENS[stem]}-${v}`, screen[k])) : [];
  return h('cognito-authenticator', { ref, class: className }, slot('header', components?.Header), ...parts, content, slot('footer', components?.Footer));
}

/** Amplify's Provider: state is shared page-wide, so it only passes its children through. */
Authenticator.Provider = ({ children }) => children;
// `<Authenticator.SignUp.FormFields />` in an app's FormFields: the element draws its own fields,
// so these stand for them and draw nothing.
for (const name of Object.keys(SCREENS)) Authenticator[name] = { FormFields: () => null };

/** `{ user, signOut, route, authStatus, validationErrors, toSignIn, toSignUp, toForgotPassword }`, optionally narrowed by a selector. */
export function useAuthenticator(selector) {
  // With a selector, as in Amplify UI, a change re-renders only when one of the values it
  // returns changed (Object.is, element by element); the state last rendered is kept otherwise.
  const last = useRef<{ deps: any; state: any } | null>(null);
  const snapshot = () => {
    const state = getState();
    if (!selector) return state;
    const deps = selector({ ...state, ...actions });
    const prev = last.current;
    if (prev && Array.isArray(deps) && Array.isArray(prev.deps) && deps.length === prev.deps.length && deps.every((d, i) => Object.is(d, prev.deps[i]))) {
      return prev.state;
    }
    last.current = { deps, state };
    return state;
  };
  const state = useSyncExternalStore(subscribe, snapshot, snapshot);
  return { ...state, ...actions };
}

/** Wraps a component in the Authenticator; it receives `user` and `signOut` as props. */
export function withAuthenticator(Component, options = {}) {
  function WithAuthenticator(props) {
    // The render function as `children` (what a third createElement argument sets).
    return h(Authenticator, { ...options, children: ({ user, signOut }) => h(Component, { ...props, user, signOut }) });
  }
  WithAuthenticator.displayName = `withAuthenticator(${Component.displayName || Component.name || 'Component'})`;
  return WithAuthenticator;
}
