// cognito-wasm/react: Amplify UI's React Authenticator API over <cognito-authenticator>.
// Plain React.createElement (no JSX to compile); works with React 18 and 19.
import { createElement as h, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, useCallback } from 'react';
import { defineAuthenticator } from '../ui/authenticator.js';
import { signOut as authSignOut } from '../index.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

defineAuthenticator();

// The state of the most recently updated authenticator, for useAuthenticator() anywhere in the tree.
let shared = { route: 'idle', authStatus: 'configuring', user: undefined };
let current = null; // that authenticator's element
const subscribers = new Set();
function publish(el, state) {
  current = el;
  shared = state;
  subscribers.forEach((fn) => fn());
}
const subscribe = (fn) => (subscribers.add(fn), () => subscribers.delete(fn));
const actions = {
  signOut: () => (current ? current.signOut() : authSignOut()),
  toSignIn: () => current?.toSignIn(),
  toSignUp: () => current?.toSignUp(),
  toForgotPassword: () => current?.toForgotPassword(),
};

const OPTIONS = ['initialState', 'loginMechanisms', 'signUpAttributes', 'socialProviders', 'formFields', 'hideSignUp', 'variation', 'services', 'colorMode', 'passwordless'];

/**
 * The Authenticator. `children` is a render function `({ user, signOut }) => …` or plain nodes,
 * shown once signed in. `components.Header` / `components.Footer` go above and below the forms.
 */
export function Authenticator({ children, components, className, ...options }) {
  const ref = useRef(null);
  const [state, setState] = useState(shared);

  // Options are set as properties (objects and functions can't be attributes).
  useLayoutEffect(() => {
    const el = ref.current;
    for (const k of OPTIONS) if (options[k] !== undefined) el[k] = options[k];
  });

  useEffect(() => {
    const el = ref.current;
    const read = () => {
      const s = { route: el.route, authStatus: el.authStatus, user: el.user };
      setState(s);
      publish(el, s);
    };
    el.addEventListener('authchange', read);
    if (el.route !== 'idle') read();
    return () => el.removeEventListener('authchange', read);
  }, []);

  const signOut = useCallback(() => ref.current?.signOut(), []);
  const signedIn = state.route === 'authenticated';
  const content = signedIn ? (typeof children === 'function' ? children({ user: state.user, signOut }) : children) : null;
  const slot = (name, C) => (!signedIn && C ? h('div', { slot: name, key: name }, h(C)) : null);
  return h('cognito-authenticator', { ref, class: className }, slot('header', components?.Header), content, slot('footer', components?.Footer));
}

/** Amplify's Provider: not needed here (state is shared page-wide), kept so existing code runs. */
Authenticator.Provider = ({ children }) => children;

/** `{ user, signOut, route, authStatus, toSignIn, toSignUp, toForgotPassword }`, optionally narrowed by a selector. */
export function useAuthenticator(selector) {
  const state = useSyncExternalStore(subscribe, () => shared, () => shared);
  const all = { ...state, ...actions };
  if (selector) selector(all); // Amplify uses it to limit re-renders; every change re-renders here
  return all;
}

/** Wraps a component in the Authenticator; it receives `user` and `signOut` as props. */
export function withAuthenticator(Component, options = {}) {
  function WithAuthenticator(props) {
    return h(Authenticator, options, ({ user, signOut }) => h(Component, { ...props, user, signOut }));
  }
  WithAuthenticator.displayName = `withAuthenticator(${Component.displayName || Component.name || 'Component'})`;
  return WithAuthenticator;
}
