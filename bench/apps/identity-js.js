// Benchmark app for amazon-cognito-identity-js: the same small app as cognito-wasm.js and
// amplify.js, with the library's callback API wrapped into the same promise-based calls.
import {
  CognitoUserPool,
  CognitoUser,
  CognitoUserAttribute,
  AuthenticationDetails,
} from 'amazon-cognito-identity-js';

let pool;
function configure(config) {
  const c = config.Auth.Cognito;
  pool = new CognitoUserPool({
    UserPoolId: c.userPoolId,
    ClientId: c.userPoolClientId,
    ...(c.userPoolEndpoint ? { endpoint: c.userPoolEndpoint } : {}),
  });
}
if (window.BENCH_CONFIG) configure(window.BENCH_CONFIG);

const user = (username) => new CognitoUser({ Username: username, Pool: pool });
const cb = (fn) => new Promise((ok, fail) => fn((err, v) => (err ? fail(err) : ok(v))));

function session() {
  const u = pool.getCurrentUser();
  if (!u) return Promise.reject(Object.assign(new Error('No current user'), { name: 'UserUnAuthenticatedException' }));
  return cb((done) => u.getSession(done)).then((s) => ({ u, s }));
}

window.benchApp = {
  signIn: (username, password) =>
    new Promise((ok, fail) => {
      user(username).authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), {
        onSuccess: () => ok({ isSignedIn: true, nextStep: { signInStep: 'DONE' } }),
        onFailure: fail,
        newPasswordRequired: () => ok({ isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' } }),
      });
    }),
  signUp: (username, password, email) =>
    cb((done) => pool.signUp(username, password, [new CognitoUserAttribute({ Name: 'email', Value: email })], null, done)).then((r) => ({
      isSignUpComplete: r.userConfirmed,
      userId: r.userSub,
      nextStep: { signUpStep: r.userConfirmed ? 'DONE' : 'CONFIRM_SIGN_UP' },
    })),
  confirmSignUp: (username, code) => cb((done) => user(username).confirmRegistration(code, true, done)),
  signOut: () => {
    const u = pool.getCurrentUser();
    // With a callback, signOut revokes the refresh token first (as Amplify does); it leaves
    // the cache alone if there is no session, so clear it then.
    return u ? new Promise((ok) => u.signOut((err) => (err && u.signOut(), ok()))) : Promise.resolve();
  },
  fetchAuthSession: () =>
    session().then(({ s }) => ({ sub: s.getIdToken().payload.sub, accessToken: s.getAccessToken().getJwtToken() })),
  getCurrentUser: () => session().then(({ u, s }) => ({ username: u.getUsername(), userId: s.getAccessToken().payload.sub })),
};
performance.mark('bench-ready');
window.benchReady = true;
