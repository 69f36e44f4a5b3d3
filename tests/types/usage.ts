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
