// Compile-time check of cognito-wasm/react's declarations, used as Amplify UI React is.
import { Authenticator, useAuthenticator, withAuthenticator, I18n, translations, type WithAuthenticatorProps } from '../../pkg/react/index.js';

I18n.putVocabularies(translations);

export function App() {
  return (
    <Authenticator initialState="signUp" loginMechanisms={['email']} signUpAttributes={['email']} components={{ Header: () => <h1>My app</h1> }}>
      {({ user, signOut }) => (
        <main>
          <p>{user.username}</p>
          <button onClick={() => void signOut()}>Sign out</button>
        </main>
      )}
    </Authenticator>
  );
}

export function Status() {
  const { authStatus, route, user, toSignIn } = useAuthenticator((c) => [c.authStatus]);
  const label: string = authStatus === 'authenticated' ? `${route} ${user?.userId ?? ''}` : 'signed out';
  return <button onClick={toSignIn}>{label}</button>;
}

function Page({ title, user, signOut }: { title: string } & WithAuthenticatorProps) {
  return <p onClick={() => void signOut?.()}>{title} {user?.username}</p>;
}
export const Protected = withAuthenticator(Page, { hideSignUp: true });
export const used = <Protected title="x" />;
export const provided = <Authenticator.Provider><Status /></Authenticator.Provider>;

// Per-screen parts, as Amplify UI React's `components`, and the app's own sign-up fields.
export const Custom = (
  <Authenticator
    formFields={{ signUp: { phone_number: { dialCode: '+44', dialCodeList: ['+1', '+44'] } } }}
    components={{
      SignIn: { Header: () => <h3>Sign in</h3>, Footer: () => <p>Footer</p> },
      SignUp: {
        FormFields() {
          const { validationErrors } = useAuthenticator();
          return (
            <>
              <Authenticator.SignUp.FormFields />
              <input type="checkbox" name="acknowledgement" />
              <p>{validationErrors.acknowledgement}</p>
            </>
          );
        },
      },
    }}
  />
);
// @ts-expect-error no such screen
export const wrongScreen = <Authenticator components={{ SignInn: { Header: () => null } }} />;
