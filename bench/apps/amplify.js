// Benchmark app for aws-amplify v6: the same small app as cognito-wasm.js and identity-js.js.
import { Amplify } from 'aws-amplify';
import {
  signIn,
  signUp,
  confirmSignUp,
  signOut,
  fetchAuthSession,
  getCurrentUser,
} from 'aws-amplify/auth';

if (window.BENCH_CONFIG) Amplify.configure(window.BENCH_CONFIG);

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
