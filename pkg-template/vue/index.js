// cognito-wasm/vue: Amplify UI's Vue Authenticator over <cognito-authenticator>.
// A render function (no SFC to compile). Slots: default `v-slot="{ user, signOut }"`, header, footer.
import { defineComponent, h, onMounted, onBeforeUnmount, onUpdated, ref, shallowReactive } from 'vue';
import { defineAuthenticator } from '../ui/authenticator.js';
import { signOut as authSignOut } from '../index.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

defineAuthenticator();

// Page-wide state of the most recently updated authenticator, for useAuthenticator().
let current = null;
const state = shallowReactive({
  route: 'idle',
  authStatus: 'configuring',
  user: undefined,
  signOut: () => (current ? current.signOut() : authSignOut()),
  toSignIn: () => current?.toSignIn(),
  toSignUp: () => current?.toSignUp(),
  toForgotPassword: () => current?.toForgotPassword(),
});

const OPTIONS = ['initialState', 'loginMechanisms', 'signUpAttributes', 'socialProviders', 'formFields', 'hideSignUp', 'variation', 'services', 'colorMode', 'passwordless'];

export const Authenticator = defineComponent({
  name: 'Authenticator',
  props: {
    initialState: String,
    loginMechanisms: Array,
    signUpAttributes: Array,
    socialProviders: Array,
    formFields: Object,
    hideSignUp: { type: Boolean, default: undefined },
    variation: String,
    services: Object,
    colorMode: String,
    passwordless: Object,
  },
  setup(props, { slots }) {
    const el = ref(null);
    const local = shallowReactive({ route: 'idle', user: undefined });
    const apply = () => {
      for (const k of OPTIONS) if (props[k] !== undefined) el.value[k] = props[k];
    };
    const read = () => {
      const e = el.value;
      Object.assign(local, { route: e.route, user: e.user });
      Object.assign(state, { route: e.route, authStatus: e.authStatus, user: e.user });
      current = e;
    };
    onMounted(() => {
      apply();
      el.value.addEventListener('authchange', read);
      if (el.value.route !== 'idle') read();
    });
    onUpdated(apply);
    onBeforeUnmount(() => el.value?.removeEventListener('authchange', read));
    const signOut = () => el.value?.signOut();
    return () => {
      const signedIn = local.route === 'authenticated';
      const slot = (name) => (!signedIn && slots[name] ? h('div', { slot: name }, slots[name]()) : null);
      return h('cognito-authenticator', { ref: el }, [
        slot('header'),
        signedIn && slots.default ? slots.default({ user: local.user, signOut }) : null,
        slot('footer'),
      ]);
    };
  },
});

/** `{ route, authStatus, user, signOut, toSignIn, toSignUp, toForgotPassword }`: reactive; read it, don't write it. */
export const useAuthenticator = () => state;
