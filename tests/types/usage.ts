// Compile-time check of the package's declarations: code written against
// aws-amplify/auth v6 must type-check against cognito-wasm unchanged.
import {
  configure,
  getConfig,
  signUp,
  confirmSignUp,
  resendSignUpCode,
  signIn,
  confirmSignIn,
  signOut,
  getCurrentUser,
  fetchAuthSession,
  decodeJWT,
  AuthError,
  type SignInOutput,
  type AuthUser,
} from '../../pkg/index.js';

configure({
  Auth: {
    Cognito: {
      userPoolId: 'us-east-1_abc',
      userPoolClientId: 'client',
      loginWith: { email: true },
      signUpVerificationMethod: 'code',
      userAttributes: { email: { required: true } },
      passwordFormat: { minLength: 8, requireNumbers: true },
    },
  },
});
configure({ aws_project_region: 'us-east-1', aws_user_pools_id: 'us-east-1_abc', aws_user_pools_web_client_id: 'c' });
configure({ Auth: { Cognito: { userPoolId: 'us-east-1_abc', userPoolClientId: 'c' } } }, { ssr: true, Auth: { requestTimeoutMs: 5000 } });
const region: string | undefined = getConfig().Auth?.Cognito.userPoolId;

async function flows(): Promise<void> {
  const up = await signUp({ username: 'a', password: 'b', options: { userAttributes: { email: 'a@example.com' } } });
  if (up.nextStep.signUpStep === 'CONFIRM_SIGN_UP') {
    const medium: string | undefined = up.nextStep.codeDeliveryDetails.deliveryMedium;
    void medium;
  }
  await confirmSignUp({ username: 'a', confirmationCode: '123456' });
  await resendSignUpCode({ username: 'a' });
  const r: SignInOutput = await signIn({ username: 'a', password: 'b', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  if (r.nextStep.signInStep === 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED') {
    await confirmSignIn({ challengeResponse: 'new', options: { userAttributes: { name: 'A' } } });
  }
  const user: AuthUser = await getCurrentUser();
  const { tokens, userSub } = await fetchAuthSession({ forceRefresh: true });
  const sub: unknown = tokens?.idToken?.payload.sub;
  const raw: string | undefined = tokens?.accessToken.toString();
  decodeJWT(raw ?? '').payload.exp;
  await signOut({ global: true });
  await signOut();
  void user; void sub; void userSub;
}

try {
  void flows();
} catch (e) {
  if (e instanceof AuthError) {
    const status: number | undefined = e.metadata?.httpStatusCode;
    const hint: string | undefined = e.recoverySuggestion;
    void status; void hint; void e.name;
  }
}
void region;

// The wider API (issue 4): each call as an Amplify app writes it.
import {
  autoSignIn, resetPassword, confirmResetPassword, updatePassword, fetchUserAttributes, updateUserAttributes,
  updateUserAttribute, confirmUserAttribute, sendUserAttributeVerificationCode, deleteUserAttributes, deleteUser,
  setUpTOTP, verifyTOTPSetup, updateMFAPreference, fetchMFAPreference, rememberDevice, forgetDevice, fetchDevices,
  Hub, cognitoUserPoolsTokenProvider, sessionStorage, CookieStorage, sharedInMemoryStorage,
} from '../../pkg/index.js';

async function more(): Promise<void> {
  await signUp({ username: 'a', password: 'b', options: { autoSignIn: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } } });
  const a = await autoSignIn();
  if (a.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP') a.nextStep.totpSetupDetails.getSetupUri('App').href;
  if (a.nextStep.signInStep === 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION') void a.nextStep.availableChallenges?.[0];
  const r = await resetPassword({ username: 'a' });
  if (r.nextStep.resetPasswordStep === 'CONFIRM_RESET_PASSWORD_WITH_CODE') void r.nextStep.codeDeliveryDetails.destination;
  await confirmResetPassword({ username: 'a', confirmationCode: '1', newPassword: 'n' });
  await updatePassword({ oldPassword: 'o', newPassword: 'n' });
  const attrs = await fetchUserAttributes();
  void attrs.email;
  const u = await updateUserAttributes({ userAttributes: { email: 'x@example.com' } });
  void u.email?.isUpdated;
  await updateUserAttribute({ userAttribute: { attributeKey: 'name', value: 'A' } });
  await confirmUserAttribute({ userAttributeKey: 'email', confirmationCode: '1' });
  await sendUserAttributeVerificationCode({ userAttributeKey: 'email' });
  await deleteUserAttributes({ userAttributeKeys: ['name'] });
  const totp = await setUpTOTP();
  const uri: URL = totp.getSetupUri('App', 'me');
  void uri;
  await verifyTOTPSetup({ code: '123456' });
  await updateMFAPreference({ totp: 'PREFERRED', sms: 'DISABLED' });
  const pref = await fetchMFAPreference();
  void pref.enabled;
  await rememberDevice();
  const devices = await fetchDevices();
  await forgetDevice({ device: { id: devices[0]?.id ?? '' } });
  await forgetDevice();
  await deleteUser();
  const stop = Hub.listen('auth', ({ payload }) => {
    if (payload.event === 'signedIn') void payload.data.userId;
    if (payload.event === 'tokenRefresh_failure') void payload.data.error.name;
  });
  stop();
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sessionStorage);
  cognitoUserPoolsTokenProvider.setKeyValueStorage(new CookieStorage({ domain: 'example.com', sameSite: 'lax' }));
  cognitoUserPoolsTokenProvider.setKeyValueStorage(sharedInMemoryStorage);
  cognitoUserPoolsTokenProvider.setKeyValueStorage({
    getItem: async (k: string) => k,
    setItem: async () => {},
    removeItem: async () => {},
  });
}
void more;

// cognito-wasm/server: one request's user, from its cookies.
import { runWithServerContext, fetchAuthSession as serverSession, getCurrentUser as serverUser } from '../../pkg/server.js';
export async function serverUsage(cookieJar: { get(name: string): { value?: string } | undefined; set(name: string, value: string): void }) {
  const name: string = await runWithServerContext({ config: { Auth: { Cognito: { userPoolId: 'us-east-1_abc', userPoolClientId: 'c' } } }, cookies: cookieJar }, async (spec) => {
    const { tokens } = await serverSession(spec, { forceRefresh: false });
    return tokens ? (await serverUser(spec)).username : '';
  });
  // @ts-expect-error the context comes from runWithServerContext, not from the app
  await serverUser('a-user');
  return name;
}

// cognito-wasm/adapter-nextjs, as @aws-amplify/adapter-nextjs is used in a server component.
import { createServerRunner } from '../../pkg/adapter-nextjs.js';
const { runWithAmplifyServerContext } = createServerRunner({ config: { Auth: { Cognito: { userPoolId: 'us-east-1_abc', userPoolClientId: 'c' } } } });
export const inServerComponent = (cookies: () => Promise<{ get(name: string): { value: string } | undefined }>) =>
  runWithAmplifyServerContext({ nextServerContext: { cookies }, operation: (spec) => serverUser(spec) });

// Passkeys, as Amplify v6 types them.
import { associateWebAuthnCredential, listWebAuthnCredentials, deleteWebAuthnCredential, type AuthWebAuthnCredential } from '../../pkg/index.js';
async function passkeys(): Promise<void> {
  await associateWebAuthnCredential();
  const { credentials, nextToken } = await listWebAuthnCredentials({ pageSize: 10 });
  const first: AuthWebAuthnCredential | undefined = credentials[0];
  const when: Date | undefined = first?.createdAt;
  if (first?.credentialId) await deleteWebAuthnCredential({ credentialId: first.credentialId });
  void nextToken;
  void when;
}
void passkeys;
