// The calls the steps module runs, by name (the driver routes them without loading it;
// every other call of no other module is the account module's), and the pending sign-in's keys.

/** Run on the steps module (steps.js). */
export const STEPS_CALLS = ['confirmSignIn', 'signUp', 'confirmSignUp', 'resendSignUpCode', 'autoSignIn'];

/** Amplify's keys for a challenge waiting for confirmSignIn, in the tab's sessionStorage. */
export const SIGN_IN_STATE = [
  'CognitoSignInState.username',
  'CognitoSignInState.challengeName',
  'CognitoSignInState.signInSession',
  'CognitoSignInState.expiry',
  'CognitoSignInState.signInDetails',
];
