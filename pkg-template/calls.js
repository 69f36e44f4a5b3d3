// The calls the lazily loaded modules run, by name: index.js and driver.js route them
// without loading their module.

/** Run on the steps module (steps.js). */
export const STEPS_CALLS = ['confirmSignIn', 'signUp', 'confirmSignUp', 'resendSignUpCode', 'autoSignIn'];

// The account calls (account.js), in the order of `AccountOp::ALL` (src/flows/account.rs):
// the index is what crosses into the account module's wasm.
export const ACCOUNT_OPS = [
  'resetPassword',
  'confirmResetPassword',
  'updatePassword',
  'fetchUserAttributes',
  'updateUserAttributes',
  'updateUserAttribute',
  'confirmUserAttribute',
  'sendUserAttributeVerificationCode',
  'deleteUserAttributes',
  'deleteUser',
  'setUpTOTP',
  'verifyTOTPSetup',
  'updateMFAPreference',
  'fetchMFAPreference',
  'fetchDevices',
  'rememberDevice',
  'forgetDevice',
  // The two requests of associateWebAuthnCredential (the browser creates the passkey in between).
  'startWebAuthnRegistration',
  'completeWebAuthnRegistration',
  'listWebAuthnCredentials',
  'deleteWebAuthnCredential',
];

/** Run on the account module too, over several of its requests. */
export const ACCOUNT_COMPOSITE = ['associateWebAuthnCredential'];

/** Amplify's keys for a challenge waiting for confirmSignIn, in the tab's sessionStorage. */
export const SIGN_IN_STATE = [
  'CognitoSignInState.username',
  'CognitoSignInState.challengeName',
  'CognitoSignInState.signInSession',
  'CognitoSignInState.expiry',
  'CognitoSignInState.signInDetails',
];
