// Recovery hints: the wasm modules return an error's name, message, status and request
// id; the package adds the hint a person can act on (pkg-template/hints.ts), once for
// every module. On the package itself in Node, with a scripted Cognito whose replies
// are shaped as AWS documents them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { app, now, access, id } from '../support/stub-app.mjs';

const PASSWORD_FLOW = { authFlowType: 'USER_PASSWORD_AUTH' };
const fault = (type, message) => [400, { __type: type, message }, { 'x-amzn-requestid': 'req-7' }];
const ENDPOINT = 'Retry; if it keeps failing check that userPoolEndpoint points at Cognito.';

// [what Cognito (or whatever answered) sent, the error's name, the hint]
const CASES = [
  [fault('NotAuthorizedException', 'Incorrect username or password.'), 'NotAuthorizedException', 'Check the username and password, or sign in again.'],
  [fault('com.amazonaws.cognito#UserNotFoundException', 'User does not exist.'), 'UserNotFoundException', 'Check the username, or sign up first.'],
  [fault('UsernameExistsException', 'User already exists'), 'UsernameExistsException', 'Choose another username, or sign in with this one.'],
  [fault('TooManyRequestsException', 'Too many requests'), 'TooManyRequestsException', 'Wait a while before trying again.'],
  [fault('InvalidParameterException', 'Missing required parameter USERNAME'), 'InvalidParameterException', 'Check the values passed to this call.'],
  [fault('ResourceNotFoundException', 'User pool client abc does not exist.'), 'ResourceNotFoundException', 'Check userPoolId and userPoolClientId in the configuration.'],
  // Not about the configuration: no hint rather than a misleading one.
  [fault('ResourceNotFoundException', 'Device does not exist.'), 'ResourceNotFoundException', undefined],
  [fault('SomeNewException', 'Something new.'), 'SomeNewException', undefined],
  [[502, '<html>Bad gateway</html>'], 'ServerError', 'Retry later; a stored session is kept. If it keeps failing, check that userPoolEndpoint points at Cognito.'],
  [[404, { message: 'Not found' }], 'UnknownError', 'Check that userPoolEndpoint points at Cognito; retry later if the service is down.'],
  [[200, [1]], 'UnexpectedServerResponseException', ENDPOINT],
  [[200, { ChallengeName: 7 }], 'UnexpectedServerResponseException', ENDPOINT],
];

for (const [reply, name, hint] of CASES) {
  test(`signIn answered ${reply[0]} ${JSON.stringify(reply[1]).slice(0, 60)}: ${name}, ${hint ? 'with its hint' : 'no hint'}`, async () => {
    const { api } = await app(async () => reply);
    const e = await api.signIn({ username: 'ann', password: 'Passw0rd!', options: PASSWORD_FLOW }).then(() => assert.fail('signed in'), (e) => e);
    assert.equal(e.name, name);
    assert.equal(e.recoverySuggestion, hint);
    if (reply[0] !== 200) assert.deepEqual([e.metadata?.httpStatusCode, e.metadata?.requestId], [reply[0], reply[2] ? 'req-7' : undefined]);
  });
}

// signIn turns these two into a next step (CONFIRM_SIGN_UP, RESET_PASSWORD), so another call meets them.
test('the hints reach the errors of the other modules too (account, steps)', async () => {
  const tokens = { AuthenticationResult: { AccessToken: access(1, now() + 3600), IdToken: id(now() + 3600), RefreshToken: 'r-1', ExpiresIn: 3600 } };
  const { api } = await app(async (op) => {
    if (op === 'InitiateAuth') return [200, tokens];
    if (op === 'ChangePassword') return fault('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    if (op === 'ConfirmSignUp') return fault('CodeMismatchException', 'Invalid verification code provided, please try again.');
    if (op === 'ForgotPassword') return fault('UserNotConfirmedException', 'User is not confirmed.');
    if (op === 'ResendConfirmationCode') return fault('PasswordResetRequiredException', 'Password reset required for the user');
    return [200, {}];
  });
  await api.signIn({ username: 'ann', password: 'Passw0rd!', options: PASSWORD_FLOW });
  const changed = await api.updatePassword({ oldPassword: 'Passw0rd!', newPassword: 'N3w-Passw0rd!' }).catch((e) => e);
  assert.deepEqual([changed.name, changed.recoverySuggestion, changed.metadata?.requestId], ['LimitExceededException', 'Wait a while before trying again.', 'req-7']);
  const confirmed = await api.confirmSignUp({ username: 'bob', confirmationCode: '000000' }).catch((e) => e);
  assert.deepEqual([confirmed.name, confirmed.recoverySuggestion], ['CodeMismatchException', 'Check the code and enter it again, or ask for a new one.']);
  const reset = await api.resetPassword({ username: 'bob' }).catch((e) => e);
  assert.deepEqual([reset.name, reset.recoverySuggestion], ['UserNotConfirmedException', 'Confirm the account with the code that was sent, then sign in.']);
  const resent = await api.resendSignUpCode({ username: 'bob' }).catch((e) => e);
  assert.deepEqual([resent.name, resent.recoverySuggestion], ['PasswordResetRequiredException', 'Reset the password with resetPassword, then sign in.']);
});

test("an error of the client's own keeps its own hint (no status: the table does not apply)", async () => {
  const { api, sent } = await app(async () => [200, {}]);
  const e = await api.signIn({ username: '', password: 'x' }).catch((e) => e);
  assert.equal(e.name, 'EmptySignInUsername');
  assert.equal(e.metadata, undefined);
  assert.ok(e.recoverySuggestion && !/userPoolEndpoint|Check the username and password/.test(e.recoverySuggestion), e.recoverySuggestion);
  assert.equal(sent.length, 0);
});
