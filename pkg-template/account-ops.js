// The account calls, in the order of `AccountOp::ALL` (src/flows/account.rs): the
// index is what crosses into account.js's wasm. Its own file: driver.js names the calls
// without loading their module.
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
];
