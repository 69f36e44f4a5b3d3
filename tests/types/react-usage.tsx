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
