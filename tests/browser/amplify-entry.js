// Bundled by interop.test.mjs with esbuild: exposes real aws-amplify v6 Auth to the page.
import { Amplify } from 'aws-amplify';
import { signIn, signOut, getCurrentUser, fetchAuthSession } from 'aws-amplify/auth';

window.AmplifyAuth = {
  configure: (config, options) => Amplify.configure(config, options),
  signIn,
  signOut,
  getCurrentUser,
  fetchAuthSession,
};
