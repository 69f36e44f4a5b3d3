// cognito-wasm/vue: Amplify UI's Vue Authenticator over <cognito-authenticator>.
// A render function (no SFC to compile). Slots: default `v-slot="{ user, signOut }"`, header,
// footer, and per screen `<screen>-header`, `<screen>-footer`, `<screen>-form-fields` (sign-up: also
// `sign-up-fields`, Amplify UI Vue's name).
import { defineComponent, h, onMounted, onBeforeUnmount, onUpdated, ref, shallowReactive } from 'vue';
import { defineAuthenticator, OPTIONS, slotStem } from '../ui/authenticator.js';
import { getState, subscribe, publish, unpublish, actions } from '../ui/state.js';

export { I18n, setLanguage, putVocabularies, translations } from '../ui/index.js';

defineAuthenticator();

// Page-wide state (ui/state.js), reactive for useAuthenticator().
const state = shallowReactive({ ...getState(), ...actions });
let following = false;


// Amplify UI Vue's slot names for a screen's own fields, where they differ from `<screen>-form-fields`.
const FIELDS_SLOT = { 'sign-up': 'sign-up-fields' };

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
    const el = ref<any>(null);
    const local = shallowReactive({ route: 'idle', user: undefined });
    const apply = () => {
      for (const k of OPTIONS) if (props[k] !== undefined) el.value[k] = props[k];
    };
    const read = () => {
      const e = el.value;
      Object.assign(local, { route: e.route, user: e.user });
      publish(e);
    };
    onMounted(() => {
      apply();
      el.value.addEventListener('authchange', read);
      if (el.value.route !== 'idle') read();
    });
    onUpdated(apply);
    onBeforeUnmount(() => {
      el.value?.removeEventListener('authchange', read);
      if (el.value) unpublish(el.value);
    });
    const signOut = () => el.value?.signOut();
    return () => {
      const signedIn = local.route === 'authenticated';
      const slot = (name, from = name) => (!signedIn && slots[from] ? h('div', { slot: name }, slots[from]()) : null);
      // Only the current screen's slots are drawn.
      const stem = slotStem(local.route);
      return h('cognito-authenticator', { ref: el }, [
        slot('header'),
        slot(`${stem}-header`),
        slot(`${stem}-form-fields`, slots[FIELDS_SLOT[stem]] ? FIELDS_SLOT[stem] : `${stem}-form-fields`),
        slot(`${stem}-footer`),
        signedIn && slots.default ? slots.default({ user: local.user, signOut }) : null,
        slot('footer'),
      ]);
    };
  },
});

// Inside an app's fields slot, these stand for the screen's own fields (the element draws them).
const standIn = (name) => defineComponent({ name, render: () => null });
export const AuthenticatorSignUpFormFields = standIn('AuthenticatorSignUpFormFields');
export const AuthenticatorForceNewPasswordFormFields = standIn('AuthenticatorForceNewPasswordFormFields');

/** `{ route, authStatus, user, validationErrors, signOut, toSignIn, toSignUp, toForgotPassword }`: reactive; read it, don't write it. */
export function useAuthenticator() {
  if (!following) {
    following = true;
    subscribe(() => Object.assign(state, getState()));
    Object.assign(state, getState());
  }
  return state;
}
