// Benchmark app for cognito-wasm: the same small app as amplify.js and identity-js.js.
// Reads its config from window.BENCH_CONFIG, configures at once, then exposes one
// uniform API on window.benchApp and marks 'bench-ready'.
import {
  configure,
  signIn,
  signUp,
  confirmSignUp,
  signOut,
  fetchAuthSession,
  getCurrentUser,
} from '../../pkg/index.js';

// The fixed-input SRP run turns off the idle-time preparation of A (it would use
// real randomness before the stub is in place), so it measures the whole SRP.
if (window.BENCH_CONFIG) {
  const { benchNoPrepare, ...config } = window.BENCH_CONFIG;
  configure(config, benchNoPrepare ? { Auth: { prepareSignIn: false } } : undefined);
}

window.benchApp = {
  signIn: (username, password) => signIn({ username, password }),
  signUp: (username, password, email) =>
    signUp({ username, password, options: { userAttributes: { email } } }),
  confirmSignUp: (username, code) => confirmSignUp({ username, confirmationCode: code }),
  signOut: () => signOut(),
  fetchAuthSession: async () => {
    const { tokens } = await fetchAuthSession();
    return { sub: tokens?.idToken?.payload.sub, accessToken: tokens?.accessToken.toString() };
  },
  getCurrentUser: async () => {
    const { username, userId } = await getCurrentUser();
    return { username, userId };
  },
};
performance.mark('bench-ready');
window.benchReady = true;
