// What a person can do about the errors the wasm modules return without a hint, kept
// here once instead of in every module's wasm (in the driver's chunk, loaded with them):
// Cognito's exceptions people meet most (only from a reply, so with an HTTP status) and
// the three answers that are not Cognito's.
const WAIT = 'Wait a while before trying again.';
const SERVICE_HINTS = {
  NotAuthorizedException: 'Check the username and password, or sign in again.',
  UserNotFoundException: 'Check the username, or sign up first.',
  UserNotConfirmedException: 'Confirm the account with the code that was sent, then sign in.',
  UsernameExistsException: 'Choose another username, or sign in with this one.',
  InvalidPasswordException: "Choose a password that meets the user pool's password policy.",
  CodeMismatchException: 'Check the code and enter it again, or ask for a new one.',
  ExpiredCodeException: 'Request a new code and try again.',
  LimitExceededException: WAIT,
  TooManyRequestsException: WAIT,
  TooManyFailedAttemptsException: WAIT,
  PasswordResetRequiredException: 'Reset the password with resetPassword, then sign in.',
  InvalidParameterException: 'Check the values passed to this call.',
};
const REPLY_HINTS = {
  ServerError: 'Retry later; a stored session is kept. If it keeps failing, check that userPoolEndpoint points at Cognito.',
  UnknownError: 'Check that userPoolEndpoint points at Cognito; retry later if the service is down.',
  UnexpectedServerResponseException: 'Retry; if it keeps failing check that userPoolEndpoint points at Cognito.',
};

/** The hint for a module's error that came without one (`undefined` if none fits). */
function hintFor({ name, message, metadata }) {
  if (Object.hasOwn(REPLY_HINTS, name)) return REPLY_HINTS[name];
  if (metadata?.httpStatusCode === undefined) return undefined;
  if (Object.hasOwn(SERVICE_HINTS, name)) return SERVICE_HINTS[name];
  // Only when the message is about the app's configuration, not e.g. a missing device.
  if (name === 'ResourceNotFoundException' && /client|pool/i.test(message)) {
    return 'Check userPoolId and userPoolClientId in the configuration.';
  }
}

/** `e` (an AuthError from a module's error JSON) with its hint, if it had none and one fits. */
export function withHint(e) {
  e.recoverySuggestion ??= hintFor(e);
  return e;
}
