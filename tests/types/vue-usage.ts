// Compile-time check of cognito-wasm/vue's declarations, used as Amplify UI Vue is.
import { defineComponent, h, computed } from 'vue';
import { Authenticator, useAuthenticator, I18n, translations } from '../../pkg/vue/index.js';

I18n.putVocabularies(translations);

export default defineComponent({
  setup() {
    const auth = useAuthenticator();
    const name = computed(() => (auth.authStatus === 'authenticated' ? auth.user?.username ?? '' : ''));
    return () =>
      h(Authenticator, { initialState: 'signIn', loginMechanisms: ['email'] }, {
        default: ({ user, signOut }: { user: { username: string }; signOut: () => Promise<void> }) =>
          h('button', { onClick: () => void signOut() }, `${user.username} ${name.value}`),
      });
  },
});

// The default slot's props are typed (Amplify UI Vue's `user: AuthUser`, `signOut`), as
// vue-tsc checks a template's `v-slot="{ user, signOut }"`.
type SlotProps = Parameters<NonNullable<InstanceType<typeof Authenticator>['$slots']['default']>>[0];
export const slotUser = (p: SlotProps): string => `${p.user.username} ${p.user.userId}`;
export const slotSignOut = (p: SlotProps): Promise<void> => p.signOut();
// @ts-expect-error a misspelt field of the user no longer type-checks
export const slotTypo = (p: SlotProps) => p.user.usernme;

// Per-screen slots and the stand-in for the sign-up screen's own fields.
import { AuthenticatorSignUpFormFields } from '../../pkg/vue/index.js';
type Slots = InstanceType<typeof Authenticator>['$slots'];
export const signInHeader: Slots['sign-in-header'] = () => [h('h3', 'Sign in')];
export const signUpFields: Slots['sign-up-fields'] = () => [h(AuthenticatorSignUpFormFields), h('input', { name: 'acknowledgement' })];
export const errors = (): string | undefined => useAuthenticator().validationErrors.acknowledgement;
