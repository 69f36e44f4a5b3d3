// Demo page for cognito-wasm: the Amplify v6-style API driven by plain DOM code.
import * as Auth from '/pkg/index.js';

const $ = (id) => document.getElementById(id);
const VIEWS = ['view-signin', 'view-signup', 'view-confirm', 'view-challenge', 'signed-in'];
let current = null; // the view showing; none until the start-up check is done

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function show(id) {
  current = id;
  for (const v of VIEWS) $(v).hidden = v !== id;
  $('nav').hidden = id === 'signed-in';
  for (const b of $('nav').querySelectorAll('button')) b.setAttribute('aria-current', String(b.dataset.view === id));
  focusFirst();
}

// Keyboard users land on the first empty field of whatever view is showing.
function focusFirst() {
  const view = $(current);
  const target = [...view.querySelectorAll('input')].find((i) => !i.value) ?? view.querySelector('button');
  target?.focus();
}

const setStatus = (text) => ($('status').textContent = text);

function showError(e) {
  const box = $('error');
  box.replaceChildren();
  if (!e) return;
  box.append(el('strong', e.name || 'Error'), el('p', e.message));
  if (e.recoverySuggestion) box.append(el('p', e.recoverySuggestion, 'hint'));
  const { httpStatusCode, requestId } = e.metadata ?? {};
  const meta = [httpStatusCode && `HTTP ${httpStatusCode}`, requestId && `request ${requestId}`].filter(Boolean);
  if (meta.length) box.append(el('small', meta.join(' · ')));
}

// Runs one auth call at a time: controls disabled, a busy note, and any error shown on the page.
async function busy(label, fn) {
  const working = `${label}…`;
  const controls = document.querySelectorAll('main button, main input, main select');
  showError(null);
  setStatus(working);
  document.body.setAttribute('aria-busy', 'true');
  controls.forEach((c) => (c.disabled = true));
  try {
    await fn();
  } catch (e) {
    showError(e);
  } finally {
    if ($('status').textContent === working) setStatus('');
    controls.forEach((c) => (c.disabled = false));
    document.body.setAttribute('aria-busy', 'false');
    if (!$(current).contains(document.activeElement)) focusFirst();
  }
}

// Reads the form before busy() disables it (disabled fields are left out of FormData).
function onSubmit(formId, label, fn) {
  $(formId).addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData(ev.target));
    busy(label, () => fn(data));
  });
}

const TIME_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf']);

function fillClaims(tableId, payload = {}) {
  const rows = Object.entries(payload).map(([k, v]) => {
    const tr = el('tr');
    tr.dataset.claim = k;
    let text = typeof v === 'string' ? v : JSON.stringify(v);
    if (TIME_CLAIMS.has(k) && typeof v === 'number') text += ` (${new Date(v * 1000).toLocaleString()})`;
    const th = el('th', k);
    th.scope = 'row';
    tr.append(th, el('td', text));
    return tr;
  });
  $(tableId).tBodies[0].replaceChildren(...rows);
}

async function showSignedIn(user) {
  user ??= await Auth.getCurrentUser();
  // With an identity pool configured, the session also carries AWS credentials.
  const { tokens, identityId, credentials } = await Auth.fetchAuthSession();
  $('user-username').textContent = user.username;
  $('user-id').textContent = user.userId;
  $('user-details').textContent = JSON.stringify(user.signInDetails ?? {}, null, 2);
  $('user-identity-id').textContent = identityId ?? '';
  const expiry = $('user-credentials-expiry');
  expiry.textContent = credentials?.expiration ? credentials.expiration.toLocaleString() : '';
  expiry.dateTime = credentials?.expiration ? credentials.expiration.toISOString() : '';
  $('aws-identity').hidden = !identityId;
  fillClaims('id-claims', tokens?.idToken?.payload);
  fillClaims('access-claims', tokens?.accessToken.payload);
  show('signed-in');
}

function showSignedOut(message) {
  // Do not leave token claims in the DOM after sign-out.
  fillClaims('id-claims');
  fillClaims('access-claims');
  $('user-details').textContent = '';
  $('user-identity-id').textContent = $('user-credentials-expiry').textContent = '';
  $('aws-identity').hidden = true;
  setStatus(message);
  show('view-signin');
}

// How to ask for each confirmSignIn challengeResponse.
const CHALLENGES = {
  CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED: { label: 'New password', type: 'password', autocomplete: 'new-password', help: 'You must choose a new password to finish signing in.' },
  CONFIRM_SIGN_IN_WITH_TOTP_CODE: { label: 'Code from your authenticator app', autocomplete: 'one-time-code', help: 'Enter the 6-digit code from your authenticator app.' },
  CONFIRM_SIGN_IN_WITH_SMS_CODE: { label: 'Code', autocomplete: 'one-time-code', help: 'Enter the code we sent by SMS.' },
  CONFIRM_SIGN_IN_WITH_EMAIL_CODE: { label: 'Code', autocomplete: 'one-time-code', help: 'Enter the code we sent by email.' },
  CONFIRM_SIGN_IN_WITH_CUSTOM_CHALLENGE: { label: 'Answer', help: 'Answer the custom challenge.' },
  CONTINUE_SIGN_IN_WITH_MFA_SELECTION: { label: 'MFA type', help: 'Choose a second factor.' },
};

async function handleSignInResult({ isSignedIn, nextStep }, username) {
  if (isSignedIn) return showSignedIn();
  const step = nextStep.signInStep;
  if (step === 'CONFIRM_SIGN_UP') {
    $('confirm-username').value = username;
    show('view-confirm');
    return setStatus('This account is not confirmed yet. Enter the code we sent you, or ask for a new one.');
  }
  if (step === 'RESET_PASSWORD') {
    return setStatus('This account needs a password reset, which this demo does not cover.');
  }
  const c = CHALLENGES[step] ?? { label: 'Response', help: '' };
  const input = $('challenge-response');
  $('challenge-label').textContent = c.label;
  input.type = c.type ?? 'text';
  input.autocomplete = c.autocomplete ?? 'off';
  input.value = '';
  const extra = nextStep.allowedMFATypes?.join(', ') ?? nextStep.codeDeliveryDetails?.destination ?? '';
  $('challenge-step').textContent = `${c.help} ${extra ? `(${extra}) ` : ''}[${step}]`;
  // A new-password challenge may also ask for required attributes the user has not set.
  $('challenge-attributes').replaceChildren(
    ...(nextStep.missingAttributes ?? []).flatMap((name) => {
      const label = el('label', name);
      const field = el('input');
      field.name = `attr:${name}`;
      field.id = label.htmlFor = `challenge-attr-${name}`;
      field.required = true;
      return [label, field];
    }),
  );
  show('view-challenge');
}

onSubmit('signup-form', 'Signing up', async ({ username, email, password }) => {
  const r = await Auth.signUp({ username, password, options: { userAttributes: { email } } });
  $('signup-password').value = '';
  $('confirm-username').value = $('signin-username').value = username;
  if (r.nextStep.signUpStep === 'DONE') {
    show('view-signin');
    return setStatus('Account created. You can sign in now.');
  }
  const d = r.nextStep.codeDeliveryDetails ?? {};
  show('view-confirm');
  setStatus(`We sent a confirmation code${d.destination ? ` to ${d.destination}` : ''}${d.deliveryMedium ? ` (${d.deliveryMedium})` : ''}.`);
});

onSubmit('confirm-form', 'Confirming', async ({ username, code }) => {
  await Auth.confirmSignUp({ username, confirmationCode: code.trim() });
  $('confirm-code').value = '';
  $('signin-username').value = username;
  show('view-signin');
  setStatus('Account confirmed. You can sign in now.');
});

$('resend-code').addEventListener('click', () => {
  const username = $('confirm-username');
  if (!username.reportValidity()) return;
  busy('Sending a new code', async () => {
    const d = await Auth.resendSignUpCode({ username: username.value });
    setStatus(`A new code was sent${d.destination ? ` to ${d.destination}` : ''}.`);
  });
});

onSubmit('signin-form', 'Signing in', async ({ username, password, authFlowType }) => {
  const r = await Auth.signIn({ username, password, options: { authFlowType } });
  $('signin-password').value = '';
  await handleSignInResult(r, username);
});

onSubmit('challenge-form', 'Confirming sign-in', async (data) => {
  const userAttributes = {};
  for (const [k, v] of Object.entries(data)) if (k.startsWith('attr:')) userAttributes[k.slice(5)] = v;
  const options = Object.keys(userAttributes).length ? { userAttributes } : undefined;
  const r = await Auth.confirmSignIn({ challengeResponse: data.challengeResponse, options });
  await handleSignInResult(r, $('signin-username').value);
});

// The browser leaves for the hosted UI and comes back to this page, where configure()
// finishes the sign-in (see the start-up code below).
$('signin-hosted').addEventListener('click', () =>
  busy('Opening the hosted sign-in page', async () => {
    await Auth.signInWithRedirect();
  }),
);

$('signout').addEventListener('click', () =>
  busy('Signing out', async () => {
    await Auth.signOut();
    showSignedOut('Signed out.');
  }),
);

$('signout-global').addEventListener('click', () =>
  busy('Signing out everywhere', async () => {
    await Auth.signOut({ global: true });
    showSignedOut('Signed out on all devices.');
  }),
);

for (const b of $('nav').querySelectorAll('button')) {
  b.addEventListener('click', () => {
    showError(null);
    setStatus('');
    show(b.dataset.view);
  });
}

// A hosted UI sign-in that could not be completed (bad state, refused code, user cancelled).
// Listening before configure(), which is when the completion starts.
Auth.Hub.listen('auth', ({ payload }) => {
  if (payload.event === 'signInWithRedirect_failure') showError(payload.data?.error);
});

// configure() is synchronous; a stored session (from a previous visit) goes straight to the signed-in view.
// Back from the hosted UI, getCurrentUser() waits until configure() has finished that sign-in.
busy('Loading', async () => {
  try {
    const res = await fetch('/config.json');
    if (!res.ok) throw new Error(`Could not load /config.json (HTTP ${res.status}).`);
    Auth.configure(await res.json());
    $('hosted-ui').hidden = !Auth.getConfig().Auth?.Cognito?.loginWith?.oauth;
    const user = await Auth.getCurrentUser().catch((e) => {
      if (e.name !== 'UserUnAuthenticatedException') throw e;
    });
    if (user) await showSignedIn(user);
  } finally {
    if (!current) show('view-signin');
  }
});
