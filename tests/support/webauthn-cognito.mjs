// A local fake of the Cognito user-pool operations for passkeys, for the browser suite:
// ministack stores a pool's WebAuthn settings but does not run WebAuthn. It speaks
// Cognito's JSON protocol (X-Amz-Target, the documented request and reply shapes) and
// really checks every registration and assertion with a maintained WebAuthn server
// library (@simplewebauthn/server): StartWebAuthnRegistration, CompleteWebAuthnRegistration,
// ListWebAuthnCredentials (paged), DeleteWebAuthnCredential, and sign-in through
// InitiateAuth USER_AUTH (a preferred WEB_AUTHN, or SELECT_CHALLENGE) and
// RespondToAuthChallenge WEB_AUTHN; and an email code as the first factor (EMAIL_OTP, code
// 123456 as ministack's), which ministack's API does not run either. USER_PASSWORD_AUTH signs
// the user in first (to register); GetUser answers with a verified email.
// Tokens are JWT-shaped but unsigned (the client reads, never verifies, them).
import { createServer } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { generateRegistrationOptions, verifyRegistrationResponse, generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** Starts the fake on 127.0.0.1; `origin` and `rpID` are the page's. Resolves to `{ endpoint, users, stop, requests }`. */
export async function startWebAuthnCognito({ origin, rpID, users }) {
  const state = new Map(Object.entries(users).map(([name, password]) => [name, { name, sub: randomUUID(), password, credentials: [], confirmed: true }]));
  const byToken = new Map(); // access token → user
  const sessions = new Map(); // session → { user, challenge }
  let registration = new Map(); // user → expected challenge
  const requests = [];

  const fail = (status, type, message) => ({ status, body: { __type: type, message } });
  const tokensFor = (user) => {
    const now = Math.floor(Date.now() / 1000);
    const jti = randomUUID();
    const access = `e30.${b64({ sub: user.sub, username: user.name, token_use: 'access', iat: now, exp: now + 3600, origin_jti: jti })}.c2ln`;
    const id = `e30.${b64({ sub: user.sub, 'cognito:username': user.name, token_use: 'id', iat: now, exp: now + 3600 })}.c2ln`;
    byToken.set(access, user);
    return { AuthenticationResult: { AccessToken: access, IdToken: id, RefreshToken: randomUUID(), ExpiresIn: 3600, TokenType: 'Bearer' } };
  };
  const passkeyChallenge = async (user) => {
    const options = await generateAuthenticationOptions({
      rpID,
      allowCredentials: user.credentials.map((c) => ({ id: c.id, transports: c.transports })),
      userVerification: 'preferred',
      timeout: 10_000,
    });
    const session = randomBytes(24).toString('base64url');
    sessions.set(session, { user, challenge: options.challenge });
    return { ChallengeName: 'WEB_AUTHN', Session: session, ChallengeParameters: { USERNAME: user.name, CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) } };
  };
  const signedIn = (body) => byToken.get(body.AccessToken);

  const ops = {
    async InitiateAuth(body) {
      const p = body.AuthParameters ?? {};
      const user = state.get(p.USERNAME);
      if (!user || !user.confirmed) return fail(400, user ? 'UserNotConfirmedException' : 'UserNotFoundException', user ? 'User is not confirmed.' : 'User does not exist.');
      // A confirmed sign-up's session signs in once, with no factor asked (autoSignIn).
      if (body.AuthFlow === 'USER_AUTH' && body.Session) {
        const s = sessions.get(body.Session);
        sessions.delete(body.Session);
        return s?.signUp && s.user === user ? { body: tokensFor(user) } : fail(400, 'NotAuthorizedException', 'Invalid session for the user.');
      }
      if (body.AuthFlow === 'USER_PASSWORD_AUTH') {
        return p.PASSWORD === user.password ? { body: tokensFor(user) } : fail(400, 'NotAuthorizedException', 'Incorrect username or password.');
      }
      if (body.AuthFlow !== 'USER_AUTH') return fail(400, 'InvalidParameterException', 'Unsupported auth flow.');
      if (p.PREFERRED_CHALLENGE === 'WEB_AUTHN' && user.credentials.length) return { body: await passkeyChallenge(user) };
      if (p.PREFERRED_CHALLENGE === 'PASSWORD' && p.PASSWORD) {
        return p.PASSWORD === user.password ? { body: tokensFor(user) } : fail(400, 'NotAuthorizedException', 'Incorrect username or password.');
      }
      if (p.PREFERRED_CHALLENGE === 'EMAIL_OTP' || p.PREFERRED_CHALLENGE === 'SMS_OTP') {
        const session = randomBytes(24).toString('base64url');
        const sms = p.PREFERRED_CHALLENGE === 'SMS_OTP';
        sessions.set(session, { user, otp: p.PREFERRED_CHALLENGE });
        const to = sms ? { CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS', CODE_DELIVERY_DESTINATION: '+*******0100' } : { CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL', CODE_DELIVERY_DESTINATION: `${user.name[0]}***@e***` };
        return { body: { ChallengeName: p.PREFERRED_CHALLENGE, Session: session, ChallengeParameters: { USERNAME: user.name, ...to } } };
      }
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, { user });
      return { body: { ChallengeName: 'SELECT_CHALLENGE', Session: session, AvailableChallenges: ['WEB_AUTHN', 'PASSWORD'], ChallengeParameters: { USERNAME: user.name } } };
    },
    async RespondToAuthChallenge(body) {
      const s = sessions.get(body.Session);
      sessions.delete(body.Session); // a session answers once
      if (!s) return fail(400, 'NotAuthorizedException', 'Invalid session for the user.');
      const r = body.ChallengeResponses ?? {};
      if (body.ChallengeName === 'SELECT_CHALLENGE' && r.ANSWER === 'WEB_AUTHN') return { body: await passkeyChallenge(s.user) };
      if (body.ChallengeName === 'SELECT_CHALLENGE' && r.ANSWER === 'PASSWORD') {
        return r.PASSWORD === s.user.password ? { body: tokensFor(s.user) } : fail(400, 'NotAuthorizedException', 'Incorrect username or password.');
      }
      if (body.ChallengeName === s.otp) {
        if (r[`${s.otp}_CODE`] === '123456') return { body: tokensFor(s.user) };
        sessions.set(body.Session, s); // a wrong code may be tried again
        return fail(400, 'CodeMismatchException', 'Invalid code or auth state for the user.');
      }
      if (body.ChallengeName !== 'WEB_AUTHN' || !r.CREDENTIAL) return fail(400, 'InvalidParameterException', 'Unexpected challenge response.');
      const response = JSON.parse(r.CREDENTIAL);
      const stored = s.user.credentials.find((c) => c.id === response.id);
      if (!stored) return fail(400, 'NotAuthorizedException', 'Unknown passkey.');
      let verified = false;
      try {
        ({ verified } = await verifyAuthenticationResponse({
          response,
          expectedChallenge: s.challenge,
          expectedOrigin: origin,
          expectedRPID: rpID,
          credential: { id: stored.id, publicKey: stored.publicKey, counter: stored.counter, transports: stored.transports },
        }));
      } catch {
        verified = false;
      }
      if (!verified) return fail(400, 'NotAuthorizedException', 'The passkey could not be verified.');
      return { body: tokensFor(s.user) };
    },
    async StartWebAuthnRegistration(body) {
      const user = signedIn(body);
      if (!user) return fail(400, 'NotAuthorizedException', 'Invalid Access Token');
      const options = await generateRegistrationOptions({
        rpName: 'cognito-wasm test',
        rpID,
        userName: user.name,
        userID: new TextEncoder().encode(user.sub),
        excludeCredentials: user.credentials.map((c) => ({ id: c.id, transports: c.transports })),
        authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
        timeout: 10_000,
      });
      registration.set(user, options.challenge);
      return { body: { CredentialCreationOptions: options } };
    },
    async CompleteWebAuthnRegistration(body) {
      const user = signedIn(body);
      if (!user) return fail(400, 'NotAuthorizedException', 'Invalid Access Token');
      let v;
      try {
        v = await verifyRegistrationResponse({ response: body.Credential, expectedChallenge: registration.get(user), expectedOrigin: origin, expectedRPID: rpID });
      } catch (e) {
        return fail(400, 'WebAuthnClientMismatchException', String(e.message));
      }
      registration.delete(user);
      if (!v.verified) return fail(400, 'WebAuthnClientMismatchException', 'The registration could not be verified.');
      const c = v.registrationInfo.credential;
      user.credentials.push({ id: c.id, publicKey: c.publicKey, counter: c.counter, transports: c.transports ?? body.Credential.response.transports, createdAt: Date.now() / 1000, attachment: body.Credential.authenticatorAttachment });
      return { body: {} };
    },
    async ListWebAuthnCredentials(body) {
      const user = signedIn(body);
      if (!user) return fail(400, 'NotAuthorizedException', 'Invalid Access Token');
      const start = Number(body.NextToken ?? 0);
      const size = body.MaxResults ?? 20;
      const page = user.credentials.slice(start, start + size);
      const out = {
        Credentials: page.map((c) => ({
          CredentialId: c.id,
          FriendlyCredentialName: c.name ?? 'passkey',
          RelyingPartyId: rpID,
          AuthenticatorAttachment: c.attachment,
          AuthenticatorTransports: c.transports,
          CreatedAt: c.createdAt,
        })),
      };
      if (start + size < user.credentials.length) out.NextToken = String(start + size);
      return { body: out };
    },
    async DeleteWebAuthnCredential(body) {
      const user = signedIn(body);
      if (!user) return fail(400, 'NotAuthorizedException', 'Invalid Access Token');
      const before = user.credentials.length;
      user.credentials = user.credentials.filter((c) => c.id !== body.CredentialId);
      return user.credentials.length === before ? fail(400, 'ResourceNotFoundException', 'Credential not found.') : { body: {} };
    },
    async RevokeToken() {
      return { body: {} };
    },
    // Sign-up, with or without a password (a passwordless account), confirmed by code 123456.
    async SignUp(body) {
      if (state.has(body.Username)) return fail(400, 'UsernameExistsException', 'User already exists');
      const attrs = Object.fromEntries((body.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
      state.set(body.Username, { name: body.Username, sub: randomUUID(), password: body.Password, credentials: [], confirmed: false, email: attrs.email });
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, { signUpOf: body.Username });
      return { body: { UserConfirmed: false, UserSub: state.get(body.Username).sub, Session: session, CodeDeliveryDetails: { DeliveryMedium: 'EMAIL', Destination: 'n***@e***', AttributeName: 'email' } } };
    },
    async ConfirmSignUp(body) {
      const user = state.get(body.Username);
      if (!user) return fail(400, 'UserNotFoundException', 'User does not exist.');
      if (body.ConfirmationCode !== '123456') return fail(400, 'CodeMismatchException', 'Invalid verification code provided, please try again.');
      user.confirmed = true;
      const session = randomBytes(24).toString('base64url');
      sessions.set(session, { user, signUp: true });
      return { body: { Session: session } };
    },
    async GetUser(body) {
      const user = signedIn(body);
      if (!user) return fail(400, 'NotAuthorizedException', 'Invalid Access Token');
      return { body: { Username: user.name, UserAttributes: [{ Name: 'sub', Value: user.sub }, { Name: 'email', Value: `${user.name}@example.com` }, { Name: 'email_verified', Value: 'true' }] } };
    },
  };

  const server = createServer((req, res) => {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'POST', 'access-control-expose-headers': 'x-amzn-requestid' };
    if (req.method === 'OPTIONS') return res.writeHead(204, cors).end();
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', async () => {
      const op = String(req.headers['x-amz-target'] ?? '').split('.').pop();
      let out;
      try {
        const body = JSON.parse(text || '{}');
        requests.push({ op, body });
        out = ops[op] ? await ops[op](body) : fail(400, 'UnknownOperationException', op);
      } catch (e) {
        out = fail(500, 'InternalErrorException', String(e.message));
      }
      res.writeHead(out.status ?? 200, { ...cors, 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(out.body));
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    endpoint: `http://127.0.0.1:${server.address().port}/`,
    users: state,
    requests,
    stop: () => server.close(),
  };
}
