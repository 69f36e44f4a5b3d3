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
