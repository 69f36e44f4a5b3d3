// Amplify UI's Authenticator scenarios (aws-amplify/amplify-ui at 816dc04,
// packages/e2e/features/ui/components/authenticator/<feature>.feature), one entry per web
// scenario, in our own step vocabulary (tests/support/parity.mjs). `on`: the frameworks
// the feature file tags it for (R React, V Vue, A Angular). Steps that answer Cognito
// with a fixture-shaped reply say so (`intercept`); everything else runs against ministack.
//
// Where a scenario asserts Amplify's own translation into another language, the step
// asserts the mechanism instead (the app's vocabulary applies, the sentence ends as the
// language does), not Amplify's wording.

// Shorthands for the steps most scenarios share.
const signIn = (mechanism, status) => [['typeMy', mechanism, status], ['typePassword'], ['click', 'Sign in']];
const signUpEmail = (value) => [['typeNew', 'email', value], ['typePassword'], ['confirmPassword'], ['click', 'Create Account']];
const SIGN_UP = 'SignUp';
const RTAC = 'RespondToAuthChallenge';

export const FEATURES = [
  {
    feature: 'sign-in-with-username',
    example: 'sign-in-with-username',
    scenarios: [
      ['Sign in with unknown credentials', 'RVA', [...signIn('username', 'UNKNOWN'), ['see', 'User does not exist.']]],
      ['Verify Submit text is correct on confirm Reset Password Page without translation', 'RVA', [
        ['click', 'Forgot your Password?'], ['typeMy', 'username', 'CONFIRMED'], ['intercept', 'ForgotPassword', 'reset-password'],
        ['click', 'Send code'], ['onConfirmResetPassword'], ['see', 'Code'], ['typeCode', '1234'], ['typeNewPassword'], ['confirmPassword'],
        ['intercept', 'ConfirmForgotPassword', 'confirm-reset-password'], ['see', 'Submit'],
      ]],
      ['Sign in with unconfirmed credentials', 'RVA', [
        ...signIn('username', 'UNCONFIRMED').slice(0, 2), ['interceptError', 'InitiateAuth', 'user-not-confirmed-exception'],
        ['intercept', 'ResendConfirmationCode', 'resend-confirmation-code-email'], ['click', 'Sign in'], ['see', 'Confirmation Code'],
      ]],
      ['Sign in with confirmed credentials', 'RVA', [...signIn('username', 'CONFIRMED'), ['see', 'Sign out'], ['reload'], ['see', 'Sign out'], ['click', 'Sign out']]],
      ['Sign in with confirmed credentials, reload, sign out, then sign in again', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Sign out'], ['reload'], ['see', 'Sign out'], ['click', 'Sign out'], ['see', 'Sign in'],
        ...signIn('username', 'CONFIRMED'), ['see', 'Sign out'],
      ]],
      ['Sign in with confirmed credentials, sign out, then sign in again', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Sign out'], ['click', 'Sign out'], ['see', 'Sign in'],
        ...signIn('username', 'CONFIRMED'), ['see', 'Sign out'], ['click', 'Sign out'],
      ]],
      // Untagged upstream (its accounts' temporary passwords expire in Cognito); ministack keeps them.
      ['Sign in with force change password credentials', 'RVA', [['intercept', RTAC, 'force-change-password'], ...signIn('username', 'FORCE_CHANGE_PASSWORD'), ['see', 'Change Password']]],
      ['Sign in with untrimmed username', 'RVA', [['typeUntrimmedUsername'], ['typePassword'], ['click', 'Sign in'], ['see', 'Sign out'], ['click', 'Sign out'], ['see', 'Sign in']]],
      ['Username field autocompletes username', 'RVA', [['autocompletes', 'Username', 'username']]],
      ['Password fields autocomplete "current-password"', 'RVA', [['autocompletes', 'Password', 'current-password']]],
    ],
  },
  {
    feature: 'sign-up-with-username',
    example: 'sign-up-with-username',
    scenarios: [
      ['"Username" is the first field', 'RVA', [['asInput', 'Username']]],
      ['"Email" is included from `aws_cognito_signup_attributes`', 'RVA', [['asType', 'Email', 'email']]],
      ['"Phone Number" is not included', 'RVA', [['notSee', 'Phone Number']]],
      ['Sign up a new username & password', 'RVA', [
        ['intercept', SIGN_UP, 'sign-up-with-email'], ['typeNew', 'username'], ['typePassword'], ['confirmPassword'], ['typeMy', 'email', 'UNCONFIRMED'],
        ['click', 'Create Account'], ['see', 'We Emailed You'], ['see', 'Confirmation Code'],
      ]],
      ['Username field autocompletes username', 'RVA', [['autocompletes', 'Username', 'username']]],
      ['Password fields autocomplete "new-password"', 'RVA', [['autocompletes', 'Password', 'new-password'], ['autocompletes', 'Confirm Password', 'new-password']]],
    ],
  },
  {
    feature: 'sign-up-with-email',
    example: 'sign-up-with-email',
    scenarios: [
      ['Login mechanism set to "email"', 'RVA', [['asInput', 'Email'], ['notInput', 'Username'], ['notInput', 'Phone Number']]],
      ['Sign up with valid email and password', 'RVA', [
        ['intercept', SIGN_UP, 'sign-up-with-email'], ['see', 'unauthenticated'], ...signUpEmail(), ['see', 'authenticated'], ['see', 'Confirmation Code'],
      ]],
      ['Sign up with a new email & password and lowercase the original email', 'RVA', [
        ['intercept', SIGN_UP, 'sign-up-with-email'], ...signUpEmail('TEST@example.com'), ['bodyHas', SIGN_UP, 'test@example.com'], ['see', 'Confirmation Code'],
      ]],
      ['Sign up with a new email & password', 'RVA', [['intercept', SIGN_UP, 'sign-up-with-email'], ...signUpEmail(), ['see', 'Confirmation Code']]],
      ['Email field autocompletes username', 'RVA', [['autocompletes', 'Email', 'username']]],
      ['Password fields autocomplete "new-password"', 'RVA', [['autocompletes', 'Password', 'new-password'], ['autocompletes', 'Confirm Password', 'new-password']]],
    ],
  },
  {
    feature: 'confirm-sign-up',
    example: 'sign-up-with-email',
    background: [['intercept', SIGN_UP, 'sign-up-with-email']],
    scenarios: [
      ['Confirm new password page has correct translations', 'RVA', [
        ...signUpEmail(), ['see', 'Confirmation Code'], ['placeholder', 'Enter the code given'], ['see', 'Enter this code:'], ['see', 'It will take several minutes to arrive.'],
      ]],
      ['Confirm a new username with an invalid code', 'RVA', [
        ...signUpEmail(), ['see', 'Confirmation Code'], ['typeCode', '0000'], ['interceptError', 'ConfirmSignUp', 'invalid-code'],
        ['click', 'Confirm'], ['see', 'Invalid verification code provided, please try again.'],
      ]],
      ['Confirm a new username and signs in', 'RVA', [
        ...signUpEmail(), ['see', 'We Emailed You'], ['see', 'Confirmation Code'], ['typeCode', '123456'],
        ['intercept', 'ConfirmSignUp', 'confirm-sign-up-with-email'], ['spy', 'InitiateAuth'], ['click', 'Confirm'],
        ['notSee', 'Confirmation Code'], ['confirmRequest', 'InitiateAuth'],
      ]],
      ['Supports "one-time-code" autocomplete', 'RVA', [...signUpEmail(), ['autocompletes', 'Confirmation Code', 'one-time-code']]],
    ],
  },
  {
    feature: 'sign-up-with-errors',
    example: 'sign-up-with-email',
    scenarios: [
      ['Sign up with a new email & password with wrong password requirements', 'RVA', [
        ['typeNew', 'email'], ['typePassword', 'inv'], ['confirmPassword'],
        ['see', 'Password must have numbers'], ['see', 'Password must have special characters'], ['see', 'Password must have upper case letters'], ['see', 'Password must have at least 8 characters'],
      ]],
      ['Sign up with a new email & password without lower case characters', 'RVA', [
        ['typeNew', 'email'], ['typePassword', 'INV'], ['confirmPassword'],
        ['see', 'Password must have numbers'], ['see', 'Password must have special characters'], ['see', 'Password must have lower case letters'], ['see', 'Password must have at least 8 characters'],
        ['errorAccessible', 'Password', 'Password must have numbers'],
      ]],
    ],
  },
  {
    feature: 'forgot-password',
    example: 'forgot-password',
    scenarios: [
      ['Reset Password with valid username', 'RVA', [
        ['typeMy', 'username', 'CONFIRMED'], ['intercept', 'ForgotPassword', 'reset-password'], ['click', 'Send code'], ['onConfirmResetPassword'],
        ['see', 'Code *'], ['typeCode', '1234'], ['typeNewPassword'], ['confirmPassword'], ['intercept', 'ConfirmForgotPassword', 'confirm-reset-password'],
        ['click', 'Submit'], ['see', 'Sign In'],
      ]],
      ['Reset Password with invalid username', 'RVA', [['typeMy', 'username', 'UNKNOWN'], ['click', 'Send code'], ['see', 'Username/client id combination not found.']]],
      ['Username field is shown, phone number and email are not', 'RVA', [['see', 'Enter your username'], ['notSee', 'Enter your phone number'], ['notSee', 'Enter your email']]],
      ['Reset Password with valid username, invalid password requirements', 'RVA', [
        ['typeMy', 'username', 'CONFIRMED'], ['intercept', 'ForgotPassword', 'reset-password'], ['click', 'Send code'], ['onConfirmResetPassword'],
        ['see', 'Code *'], ['typeCode', '1234'], ['typeNewPassword', 'inv'], ['confirmPassword'],
        ['see', 'Password must have numbers'], ['see', 'Password must have special characters'], ['see', 'Password must have upper case letters'], ['see', 'Password must have at least 8 characters'],
      ]],
      ['Reset Password with valid username, no lower case password', 'RVA', [
        ['typeMy', 'username', 'CONFIRMED'], ['intercept', 'ForgotPassword', 'reset-password'], ['click', 'Send code'], ['onConfirmResetPassword'],
        ['see', 'Code *'], ['typeCode', '1234'], ['typeNewPassword', 'INV'], ['confirmPassword'],
        ['see', 'Password must have numbers'], ['see', 'Password must have special characters'], ['see', 'Password must have lower case letters'], ['see', 'Password must have at least 8 characters'],
        ['errorAccessible', 'New Password', 'Password must have numbers'],
      ]],
      ['Reset Password with valid username and resend code', 'RVA', [
        ['typeMy', 'username', 'CONFIRMED'], ['intercept', 'ForgotPassword', 'reset-password'], ['click', 'Send code'], ['onConfirmResetPassword'],
        ['click', 'Resend Code'], ['see', 'Code *'], ['typeCode', '1234'], ['typeNewPassword'], ['confirmPassword'],
        ['intercept', 'ConfirmForgotPassword', 'confirm-reset-password'], ['click', 'Submit'], ['see', 'Sign In'],
      ]],
    ],
  },
  {
    feature: 'sign-in-with-email',
    example: 'sign-in-with-email',
    scenarios: [
      ['Sign in returns force reset password exception', 'RVA', [
        ['interceptError', 'InitiateAuth', 'force-reset-password'], ['intercept', 'ForgotPassword', 'forgot-password-email'], ...signIn('email', 'CONFIRMED'),
        ['see', 'Reset Password'], ['see', 'Code *'], ['typeCode', '1234'], ['typeNewPassword'], ['confirmPassword'],
        ['interceptError', 'ConfirmForgotPassword', 'invalid-code'], ['click', 'Submit'],
      ]],
      ['Sign in with unknown credentials', 'RVA', [...signIn('email', 'UNKNOWN'), ['see', 'User does not exist.']]],
      // Untagged upstream.
      ['Sign in with unconfirmed credentials', 'RVA', [
        ['interceptError', 'InitiateAuth', 'user-not-confirmed-exception'], ['intercept', 'ResendConfirmationCode', 'resend-confirmation-code-email'],
        ...signIn('email', 'UNCONFIRMED'), ['see', 'Confirmation Code'], ['typeCode', '123456'], ['intercept', 'ConfirmSignUp', 'confirm-sign-up-with-email'],
        ['click', 'Confirm'], ['confirmRequest', 'ConfirmSignUp'],
      ]],
      ['Sign in with unconfirmed credentials redirects to sign-in after confirmation', 'RVA', [
        ['interceptError', 'InitiateAuth', 'user-not-confirmed-exception'], ['intercept', 'ResendConfirmationCode', 'resend-confirmation-code-email'],
        ...signIn('email', 'UNCONFIRMED'), ['see', 'Confirmation Code'], ['typeCode', '123456'], ['intercept', 'ConfirmSignUp', 'confirm-sign-up-with-email'],
        ['click', 'Confirm'], ['notSee', 'Confirmation Code'], ['see', 'Sign in'], ['notSee', 'Create Account'],
      ]],
      ['Sign in with confirmed credentials', 'RVA', [...signIn('email', 'CONFIRMED'), ['see', 'Sign out'], ['click', 'Sign out'], ['see', 'Sign in']]],
      ['Sign Up Tab Is Not Present', 'RVA', [['see', 'Sign in'], ['notSee', 'Create Account']]],
      ['Email field autocompletes username', 'RVA', [['autocompletes', 'Email', 'username']]],
      ['Password fields autocomplete "current-password"', 'RVA', [['autocompletes', 'Password', 'current-password']]],
      ['Sign in with confirmed credentials, reload, sign out, then see custom form fields', 'RVA', [
        ...signIn('email', 'CONFIRMED'), ['see', 'Sign out'], ['reload'], ['see', 'Sign out'], ['click', 'Sign out'], ['see', 'Sign in'], ['placeholder', 'Enter your cool email'],
      ]],
    ],
  },
  {
    feature: 'verify-user',
    example: 'sign-in-with-email',
    background: [
      ['intercept', 'GetUser', 'fetch-user-attributes-unverified-email'],
      ['intercept', 'GetUserAttributeVerificationCode', 'user-attribute-verification-code'],
      ['intercept', 'VerifyUserAttribute', 'confirm-user-attribute'],
    ],
    scenarios: [
      ['Redirect to "Confirm Verify" page and replace label and placeholder', 'RVA', [
        ...signIn('email', 'UNVERIFIED'), ['clickRadio', 'Email'], ['click', 'Verify'], ['lacksAttribute', 'New Label', 'required'], ['see', 'New Label'],
        ['labelShown', 'New Label'], ['placeholder', 'Enter your Confirmation Code:'], ['typeLabelled', 'New Label', '1234'], ['click', 'Submit'], ['see', 'Sign out'],
      ]],
      ['Redirect to "Verify" page and verify custom header and footer text', 'RVA', [
        ...signIn('email', 'UNVERIFIED'), ['see', 'Enter Information:'], ['see', 'Footer Information'], ['click', 'Skip'], ['click', 'Sign out'],
      ]],
      ['Skip verify account', 'RVA', [...signIn('email', 'UNVERIFIED'), ['click', 'Skip'], ['see', 'Sign out'], ['click', 'Sign out']]],
      ['No verify account when nothing to verify', 'RVA', [
        ['intercept', 'GetUser', 'fetch-user-attributes-none'], ...signIn('email', 'UNVERIFIED'), ['see', 'Sign out'], ['click', 'Sign out'],
      ]],
      ['Redirect to "Confirm Verify" page and verify custom header and footer', 'RVA', [
        ...signIn('email', 'UNVERIFIED'), ['clickRadio', 'Email'], ['click', 'Verify'], ['see', 'Enter Information:'], ['see', 'Footer Information'], ['click', 'Skip'], ['click', 'Sign out'],
      ]],
      ['Redirect to "Verify" page and verify radio button is automatically selected', 'RVA', [...signIn('email', 'UNVERIFIED'), ['radioChecked', 'Email']]],
    ],
  },
  {
    feature: 'sign-in-with-phone',
    example: 'sign-in-with-phone',
    scenarios: [
      ['Reset Password with valid phone with country code', 'RVA', [
        ['click', 'Forgot your password?'], ['typeMy', 'phone number', 'CONFIRMED'], ['intercept', 'ForgotPassword', 'reset-password'], ['click', 'Send code'],
        ['bodyHas', 'ForgotPassword', `+19995554444`], ['onConfirmResetPassword'], ['see', 'Code'], ['typeCode', '1234'], ['typeNewPassword'], ['confirmPassword'],
        ['intercept', 'ConfirmForgotPassword', 'confirm-reset-password'], ['click', 'Submit'], ['bodyHas', 'ConfirmForgotPassword', '+19995554444'], ['see', 'Sign In'],
      ]],
      ['Sign in and replace default dial code', 'RVA', [['see', 'Sign In'], ['dialIs', '+82']]],
      ['Sign up and replace default dial code', 'RVA', [['clickTab', 'Create Account'], ['dialIs', '+227']]],
      ['Sign up and replace dial code list', 'RVA', [['clickTab', 'Create Account'], ['dialCount', 4], ['dialIs', '+227']]],
      ['Sign in with unknown credentials', 'RVA', [['changeDial', '+82', '+20'], ...signIn('phone number', 'UNKNOWN'), ['see', 'User does not exist.']]],
      ['Sign in with unconfirmed credentials', 'RVA', [
        ['changeDial', '+82', '+20'], ['typeMy', 'phone number', 'UNCONFIRMED'], ['typePassword'], ['interceptError', 'InitiateAuth', 'user-not-confirmed-exception'],
        ['intercept', 'ResendConfirmationCode', 'resend-confirmation-code-email'], ['click', 'Sign in'], ['see', 'Confirmation Code'],
      ]],
      ['Sign in with confirmed credentials', 'RVA', [['changeDial', '+82', '+1'], ...signIn('phone number', 'CONFIRMED'), ['see', 'Sign out'], ['click', 'Sign out']]],
      ["Sign in with confirmed credentials and don't select country code", 'RVA', [...signIn('phone number', 'CONFIRMED'), ['see', 'User does not exist.']]],
      ['Sign in with confirmed credentials then sign out', 'RVA', [['changeDial', '+82', '+1'], ...signIn('phone number', 'CONFIRMED'), ['see', 'Sign out'], ['click', 'Sign out'], ['see', 'Sign in']]],
      ['Phone number field autocompletes username', 'RVA', [['autocompletes', 'Phone Number', 'username']]],
      ['Password fields autocomplete "new-password"', 'RVA', [['autocompletes', 'Password', 'current-password']]],
    ],
  },
  {
    feature: 'sign-in-force-new-password',
    example: 'sign-in-with-phone',
    background: [['intercept', RTAC, 'force-change-password']],
    scenarios: [
      ['Back to Sign In works in the FORCE_CHANGE_PASSWORD state', 'RVA', [
        ['changeDial', '+82', '+30'], ...signIn('phone number', 'FORCE_CHANGE_PASSWORD'), ['forceChangePasswordScreen'], ['click', 'Back to Sign In'], ['see', 'Sign In'],
      ]],
      ['Sign in using a valid phone number and password and user is in a FORCE_CHANGE_PASSWORD state', 'RVA', [
        ['changeDial', '+82', '+30'], ...signIn('phone number', 'FORCE_CHANGE_PASSWORD'), ['forceChangePasswordScreen'], ['typePassword'], ['confirmPassword'],
        ['intercept', RTAC, 'force-change-password-phone-success'], ['click', 'Change Password'], ['confirmRequest', RTAC],
      ]],
      ['User is in a FORCE_CHANGE_PASSWORD state and then enters wrong password requirements', 'RVA', [
        ['changeDial', '+82', '+30'], ...signIn('phone number', 'FORCE_CHANGE_PASSWORD'), ['forceChangePasswordScreen'], ['typePassword', 'inv'], ['confirmPassword'],
        ['see', 'Password must have at least 8 characters'], ['see', 'Password must have numbers'], ['see', 'Password must have special characters'], ['see', 'Password must have upper case letters'],
      ]],
      ['User is in a FORCE_CHANGE_PASSWORD state and then enters password without lower case characters', 'RVA', [
        ['changeDial', '+82', '+30'], ...signIn('phone number', 'FORCE_CHANGE_PASSWORD'), ['forceChangePasswordScreen'], ['typePassword', 'INV'], ['confirmPassword'],
        ['see', 'Password must have at least 8 characters'], ['see', 'Password must have numbers'], ['see', 'Password must have special characters'], ['see', 'Password must have lower case letters'],
        ['errorAccessible', 'Password', 'Password must have numbers'],
      ]],
      ['User is in a FORCE_CHANGE_PASSWORD state and then enters an invalid new password', 'RVA', [
        ['changeDial', '+82', '+30'], ...signIn('phone number', 'FORCE_CHANGE_PASSWORD'), ['forceChangePasswordScreen'], ['typePassword', 'invalidpass'], ['confirmPassword'],
        ['click', 'Change Password'], ['see', 'Your passwords must match'],
      ]],
    ],
  },
  {
    feature: 'sign-up-with-phone',
    example: 'sign-up-with-phone',
    background: [['intercept', SIGN_UP, 'sign-up-with-phone']],
    scenarios: [
      ['Login mechanism set to "phone_number"', 'RVA', [['asInput', 'Phone Number'], ['notInput', 'Username']]],
      ['"Email" is included from `aws_cognito_verification_mechanisms`', 'RVA', [['asType', 'Email', 'email']]],
      ['Sign up with valid phone number & password', 'RVA', [
        ['typeMy', 'phone number', 'UNCONFIRMED'], ['typePassword'], ['confirmPassword'], ['typeMy', 'email', 'UNCONFIRMED'], ['click', 'Create Account'], ['see', 'Confirmation Code'],
      ]],
      ['Phone number field autocompletes username', 'RVA', [['autocompletes', 'Phone Number', 'username']]],
      ['Password fields autocomplete "new-password"', 'RVA', [['autocompletes', 'Password', 'new-password'], ['autocompletes', 'Confirm Password', 'new-password']]],
    ],
  },
  {
    feature: 'auth-status',
    example: 'auth-status',
    scenarios: [
      ['Sign in with confirmed credentials, reload, sign out, and reload', 'RVA', [
        ['see', 'unauthenticated'], ['typeMy', 'username', 'CONFIRMED'], ['typePassword'], ['click', 'Sign In'], ['see', 'authenticated'], ['see', 'Sign out'],
        ['reload'], ['see', 'authenticated'], ['see', 'Sign Out'], ['click', 'Sign Out'], ['see', 'unauthenticated'], ['reload'], ['see', 'unauthenticated'],
      ]],
    ],
  },
  {
    feature: 'useAuthenticator',
    example: 'useAuthenticator',
    scenarios: [
      ['Conditionally render Login and Logout component', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Navigate to Home'], ['click', 'Navigate to Home'], ['greeting'], ['reload'], ['greeting'], ['click', 'Sign Out'], ['see', 'Sign In'],
      ]],
    ],
  },
  {
    feature: 'withAuthenticator',
    example: 'withAuthenticator',
    scenarios: [
      ['Application is wrapped with Authenticator', 'R', [['see', 'Sign in']]],
      ['Application renders when signed in', 'R', [...signIn('username', 'CONFIRMED'), ['see', 'Sign out']]],
    ],
  },
  {
    feature: 'modal',
    example: 'modal',
    scenarios: [
      ['Application is wrapped with Authenticator', 'RVA', [['see', 'Sign in']]],
      ['Application renders when signed in', 'RVA', [...signIn('username', 'CONFIRMED'), ['see', 'Sign out']]],
    ],
  },
  {
    feature: 'sign-in-federated',
    example: 'sign-in-federated',
    scenarios: [
      ['Sign In screen has social providers', 'RVA', [['see', 'Sign In with Amazon'], ['see', 'Sign In with Facebook'], ['see', 'Sign In with Google']]],
      ['Sign Up screen has social providers', 'RVA', [['clickTab', 'Create Account'], ['see', 'Sign Up with Amazon'], ['see', 'Sign Up with Facebook'], ['see', 'Sign Up with Google']]],
    ],
  },
  {
    feature: 'i18n',
    example: 'i18n',
    scenarios: [
      // Amplify asserts its own Japanese words; ours are our own: the fields and buttons are
      // found by our Japanese phrases (tests/parity: JA), so the language is in effect.
      ['Authenticator reflects `I18n.setLanguage(\'ja\')`', 'RVA', [['labelIs', 'ja:Email'], ['labelIs', 'ja:Password'], ['labelIs', 'ja:Confirm Password'], ['seeButton', 'ja:Create Account']]],
      ['Show custom error message when signing in', 'RVA', [
        ['clickText', 'Sign In Custom'], ['typeIn', 'ja:Username', 'UNKNOWN@UNKNOWN.com'], ['typeIn', 'ja:Password', 'UNKNOWN@UNKNOWN.com'], ['click', 'ja:Sign in'], ['see', 'Error with your user'],
      ]],
      ['Authenticator reflects updated vocabularies for `I18n.setLanguage(\'ja\')`', 'RVA', [['see', 'Sign In Custom']]],
      ['Confirm sign up delivery message uses locale punctuation, not a hardcoded ASCII period', 'RVA', [
        ['intercept', SIGN_UP, 'sign-up-with-email'], ['typeIn', 'ja:Username', 'e2e-user'], ['typeIn', 'ja:Email', 'e2e-user@example.com'],
        ['typeIn', 'ja:Password', 'TestPassword123!'], ['typeIn', 'ja:Confirm Password', 'TestPassword123!'], ['click', 'ja:Create Account'],
        ['see', 'a***@e***.com。'], ['see', 'ja-sentence:It may take a minute to arrive'], ['notSee', 'a***@e***.com.'],
      ]],
    ],
  },
  {
    feature: 'custom-slots',
    example: 'custom-slots',
    scenarios: [
      ['Has custom Confirm Sign Up Footer and Header slot text', 'RVA', [
        ['intercept', SIGN_UP, 'sign-up-with-email'], ['clickTab', 'Create Account'], ['typeNew', 'email'], ['typeLabelled', 'Password:'], ['typeLabelled', 'Confirm Password:'],
        ['click', 'Create Account'], ['see', 'Enter Information:'], ['see', 'Footer Information'],
      ]],
      ['Has Confirm Reset Password Verify User Footer and Header slot text', 'RVA', [
        ['intercept', 'ForgotPassword', 'verify-user-email'], ['click', 'Reset Password'], ['see', 'Enter Information:'], ['typeMy', 'email', 'UNVERIFIED'],
        ['click', 'Send Code'], ['see', 'Code'], ['see', 'Enter Information:'], ['see', 'Footer Information'],
      ]],
      ['Has reset password in Footer and Header slot text', 'RVA', [['click', 'Reset Password'], ['see', 'Enter Information:'], ['see', 'Footer Information']]],
      ['Has a custom Header slot logo', 'RVA', [['image', 'Amplify logo']]],
      ['Has custom Footer slot text', 'RVA', [['see', '© All Rights Reserved']]],
      ['Has custom Sign In Header slot text', 'RVA', [['see', 'Sign in to your account']]],
      ['Has custom Sign In Footer slot text', 'RVA', [['see', 'Reset Password'], ['clickText', 'Reset Password'], ['see', 'Send code']]],
      ['Has custom Sign Up Header slot text', 'RVA', [['clickTab', 'Create Account'], ['see', 'Create a new account']]],
      ['Has custom Sign Up Footer slot text', 'RVA', [['clickTab', 'Create Account'], ['see', 'Back to Sign In'], ['clickText', 'Back to Sign In'], ['see', 'Sign in to your account']]],
    ],
  },
  {
    feature: 'form-fields',
    example: 'custom-slots',
    scenarios: [
      ['Order of sign up inputs are backwards', 'RVA', [['clickTab', 'Create Account'], ['nthPlaceholder', 0, 'Please confirm your Password'], ['nthPlaceholder', 1, 'Enter your Password:'], ['nthPlaceholder', 2, 'Enter your Email']]],
      ['Sign in with replaced email placeholder', 'RVA', [['placeholder', 'Enter your email']]],
      ['Sign in label is visibile', 'RVA', [['see', 'Email'], ['labelShown', 'Email']]],
      ['Sign up with replaced password label', 'RVA', [['clickTab', 'Create Account'], ['see', 'Password:']]],
      ['Sign up with replaced password placeholder', 'RVA', [['clickTab', 'Create Account'], ['placeholder', 'Enter your Password:']]],
      ['Sign up with not required password', 'RVA', [['clickTab', 'Create Account'], ['lacksAttribute', 'Password:', 'required']]],
      ['Sign up with replaced confirm password placeholder and is visible', 'RVA', [['clickTab', 'Create Account'], ['see', 'Confirm Password:'], ['labelShown', 'Confirm Password:']]],
      ['Reset password replaced placeholder and label is visible', 'RVA', [['click', 'Reset Password'], ['labelShown', 'Enter your email'], ['placeholder', 'Enter your email:']]],
      ['Confirm Reset Password replaced placeholder, label and label is visible', 'RVA', [
        ['intercept', 'ForgotPassword', 'verify-user-email'], ['click', 'Reset Password'], ['typeMy', 'email', 'UNVERIFIED'], ['click', 'Send Code'],
        ['see', 'New Label'], ['placeholder', 'Enter your Password Please:'], ['labelShown', 'New Label'], ['lacksAttribute', 'New Label', 'required'], ['placeholder', 'Enter your Confirmation Code:'],
      ]],
    ],
  },
  {
    feature: 'custom-sign-up-fields',
    example: 'custom-sign-up-fields',
    background: [['asInput', 'Preferred Username'], ['see', 'I agree with the Terms and Conditions']],
    scenarios: [
      ['Form is invalid by default', 'RVA', [['see', 'You must agree to the Terms and Conditions'], ['buttonDisabled', 'Create Account']]],
      ['Form performs default validation like Confirm Password', 'RVA', [
        ['typeNew', 'email'], ['typePassword', 'invalidpass'], ['confirmPassword'], ['see', 'Your passwords must match'],
        ['clickCheckbox', 'I agree with the Terms and Conditions'], ['notSee', 'You must agree to the Terms and Conditions'], ['buttonDisabled', 'Create Account'],
      ]],
      ['Form is valid when I check the Terms and Conditions checkbox, but missing `preferred_username` for Cognito', 'RVA', [
        ['interceptError', SIGN_UP, 'missing-preferred-username'], ['typeNew', 'email'], ['typePassword'], ['confirmPassword'],
        ['clickCheckbox', 'I agree with the Terms and Conditions'], ['click', 'Create Account'], ['invalid', 'Preferred Username'],
      ]],
      ['Form successfully submits with `preferred_username` and Terms and Conditions checked', 'RVA', [
        ['intercept', SIGN_UP, 'sign-up-with-email'], ['typeNew', 'preferred username'], ['typeNew', 'email'], ['typePassword'], ['confirmPassword'],
        ['clickCheckbox', 'I agree with the Terms and Conditions'], ['click', 'Create Account'], ['see', 'Confirmation Code'],
      ]],
    ],
  },
  {
    feature: 'sign-in-with-email-mfa',
    example: 'sign-in-with-email-mfa',
    scenarios: [
      ['Sign In With Email MFA Selection', 'RVA', [...signIn('username', 'CONFIRMED'), ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In']]],
      ['Sign In, Observe Confirmation Code Screen, and Navigate Back To Sign In Page', 'RVA', [...signIn('username', 'CONFIRMED'), ['see', 'Confirm Email Code'], ['click', 'Back to Sign In'], ['see', 'Sign In']]],
      ['Sign In, Enter Invalid Confirmation Code, Observe Error, Enter Valid Confirmation Code', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Confirm Email Code'], ['typeCode', '0000'], ['click', 'Confirm'], ['see', 'The verification code you entered is incorrect'],
        ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
    ],
  },
  {
    feature: 'sign-in-with-email-mfa-selection',
    example: 'sign-in-with-email-mfa-selection',
    scenarios: [
      ['Sign In With Email MFA Selection', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
      ['Sign In, Observe MFA Selection Screen, and Navigate Back to Sign In Page', 'RVA', [...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication'], ['click', 'Back to Sign In'], ['see', 'Sign In']]],
      ['Sign In, Select Email MFA Type, Observe Confirmation Code Screen, and Navigate Back to Sign In Page', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['click', 'Back to Sign In'], ['see', 'Sign In'],
      ]],
      ['Sign In, Select Email MFA Type, Enter Invalid Confirmation Code, Observe Error, Enter Valid Confirmation Code', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '0000'], ['click', 'Confirm'],
        ['see', 'The verification code you entered is incorrect'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
      ['Sign In, Use Default Mfa Selection, Enter Valid Confirmation Code', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
    ],
  },
  {
    feature: 'sign-in-with-email-mfa-setup-selection',
    example: 'sign-in-with-email-mfa-setup-selection',
    scenarios: [
      ['Sign In With Email MFA Setup Selection', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Setup Email'],
        ['typeMy', 'email', 'UNCONFIRMED'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
      ['Sign In, Observe MFA Setup Selection Screen, Navigate Back To Sign In Page, and Sign In', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['click', 'Back to Sign In'], ['see', 'Sign In'],
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Setup Email'],
        ['typeMy', 'email', 'UNCONFIRMED'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
      ['Sign In, Select Email MFA Type For Setup, Observe Setup Email Screen, Navigate Back To Sign In Page, and Sign In', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Setup Email'], ['click', 'Back to Sign In'], ['see', 'Sign In'],
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Setup Email'],
        ['typeMy', 'email', 'UNCONFIRMED'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
      ['Sign In, Select Email MFA Type For Setup, Setup Email, Observe Confirmation Code Screen, Navigate Back To Sign In Page, and Sign In', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Setup Email'],
        ['typeMy', 'email', 'CONFIRMED'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['click', 'Back to Sign In'], ['see', 'Sign In'],
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['clickRadio', 'Email'], ['click', 'Confirm'], ['see', 'Setup Email'],
        ['typeMy', 'email', 'UNCONFIRMED'], ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
      ['Sign In, Use Default Mfa Selection, Enter Valid Confirmation Code', 'RVA', [
        ...signIn('username', 'CONFIRMED'), ['see', 'Multi-Factor Authentication Setup'], ['click', 'Confirm'], ['see', 'Setup Email'], ['typeMy', 'email', 'CONFIRMED'],
        ['click', 'Confirm'], ['see', 'Confirm Email Code'], ['typeCode', '123456'], ['click', 'Confirm'], ['click', 'Sign out'], ['see', 'Sign In'],
      ]],
    ],
  },
  {
    feature: 'sign-in-totp-mfa',
    example: 'sign-in-totp-mfa',
    // ministack does not ask for MFA set-up: the reply to the password proof, the secret and the
    // code check are answered with replies shaped as Cognito documents them (a base32 secret,
    // where the suite's fixture holds a placeholder).
    background: [['intercept', RTAC, 'mfa-setup-software-token'], ['intercept', 'AssociateSoftwareToken', 'associate-software-token']],
    scenarios: [
      ['Sign in with valid credentials that have not set up TOTP MFA', 'RVA', [
        ...signIn('email', 'CONFIRMED'), ['onSetupTotp'], ['qrHas', 'otpauth://totp/My%20Web%20App'], ['seeButton', 'Confirm'],
      ]],
      ['Redirect to sign in page', 'RVA', [...signIn('email', 'CONFIRMED'), ['click', 'Back to Sign In'], ['see', 'Sign in']]],
      ['Invalid TOTP code', 'RVA', [
        ['interceptError', 'VerifySoftwareToken', 'enable-software-token-mfa-exception'], ...signIn('email', 'CONFIRMED'), ['onSetupTotp'], ['typeCode', '000000'],
        ['click', 'Confirm'], ['see', 'Code mismatch'],
      ]],
      ['Setup TOTP should only show one input code', 'RVA', [...signIn('email', 'CONFIRMED'), ['onSetupTotp'], ['oneInput']]],
      ['Sign in with unknown credentials', 'RVA', [...signIn('email', 'UNKNOWN'), ['see', 'User does not exist']]],
      ['Sign in with admin created user account, user must change password on first login and setup totp/mfa', 'RVA', [
        ['intercept', RTAC, 'force-change-password'], ...signIn('email', 'FORCE_CHANGE_PASSWORD'), ['see', 'Change Password'], ['typePassword'], ['confirmPassword'],
        ['intercept', RTAC, 'mfa-setup-software-token'], ['click', 'Change Password'], ['confirmRequest', RTAC], ['see', 'Setup TOTP'],
      ]],
    ],
  },
  {
    feature: 'custom-slots (sign-in screens)',
    example: 'custom-slots',
    scenarios: [
      // MFA set-up and the TOTP challenge answered with Cognito-shaped replies (see sign-in-totp-mfa).
      ['Has Setup TOTP Verify User Footer and Header slot text', 'RVA', [
        ['intercept', RTAC, 'mfa-setup-software-token'], ['intercept', 'AssociateSoftwareToken', 'associate-software-token'],
        ...signIn('email', 'CONFIRMED'), ['see', 'Enter Information:'], ['see', 'Footer Information'],
      ]],
      ['Has confirm sign in Footer and Header slot text', 'RVA', [
        ['intercept', RTAC, 'software-token-mfa'], ...signIn('email', 'UNVERIFIED'), ['see', 'Enter Information:'], ['see', 'Footer Information'],
      ]],
    ],
  },
  {
    feature: 'form-fields (sign-in screens)',
    example: 'custom-slots',
    scenarios: [
      ['Confirm Force New Password replaced placeholder and label is visible', 'RVA', [
        ['intercept', RTAC, 'force-change-password'], ...signIn('email', 'FORCE_CHANGE_PASSWORD'), ['forceChangePasswordScreen'], ['labelShown', 'Password'], ['placeholder', 'Enter your Password:'],
      ]],
      ['Setup TOTP Sign in replace placeholder, and label', 'RVA', [
        ['intercept', RTAC, 'mfa-setup-software-token'], ['intercept', 'AssociateSoftwareToken', 'associate-software-token'], ...signIn('email', 'CONFIRMED'),
        ['lacksAttribute', 'New Label', 'required'], ['see', 'New Label'], ['labelShown', 'New Label'], ['placeholder', 'Enter your Confirmation Code:'],
      ]],
      ['Confirm sign in and replace placeholder, and label', 'RVA', [
        ['intercept', RTAC, 'software-token-mfa'], ...signIn('email', 'UNVERIFIED'),
        ['lacksAttribute', 'New Label', 'required'], ['see', 'New Label'], ['labelShown', 'New Label'], ['placeholder', 'Enter your Confirmation Code:'],
      ]],
    ],
  },
  {
    feature: 'sign-in-sms-mfa',
    example: 'sign-in-sms-mfa',
    // ministack sends no text messages: the SMS challenge is a Cognito-shaped reply.
    scenarios: [
      ['Sign in with with sms mfa and check mocked name attribute', 'RVA', [
        ['intercept', RTAC, 'sms-mfa'], ...signIn('phone number', 'CONFIRMED'), ['see', 'Confirm SMS Code'], ['typeCode', '123456'], ['spy', RTAC],
        ['click', 'Confirm'], ['confirmRequest', RTAC],
      ]],
      ['Sign in and navigate back to sign in page', 'RVA', [['intercept', RTAC, 'sms-mfa'], ...signIn('phone number', 'CONFIRMED'), ['click', 'Back to Sign In'], ['see', 'Sign in']]],
      ['Incorrect SMS code with translated text', 'RVA', [
        ['intercept', RTAC, 'sms-mfa'], ...signIn('phone number', 'CONFIRMED'), ['typeCode', '0000'], ['interceptError', RTAC, 'code-mismatch-exception'],
        ['click', 'Confirm'], ['see', 'The verification code you entered is incorrect'],
      ]],
      ['Sign in with unknown credentials', 'RVA', [['changeDial', '+1', '+20'], ...signIn('phone number', 'UNKNOWN'), ['see', 'User does not exist']]],
      ['Sign in with force change password with sms mfa', 'RVA', [
        ['intercept', RTAC, 'force-change-password'], ['changeDial', '+1', '+30'], ...signIn('phone number', 'CONFIRMED'), ['see', 'Change Password'], ['typePassword'], ['confirmPassword'],
        ['intercept', RTAC, 'sms-mfa'], ['click', 'Change Password'], ['see', 'Confirm SMS Code'],
      ]],
    ],
  },
  {
    feature: 'sign-up-sms-mfa',
    example: 'sign-in-sms-mfa',
    background: [['intercept', SIGN_UP, 'sign-up-with-phone'], ['clickTab', 'Create Account']],
    scenarios: [
      ['Successful sign up redirects user to sms mfa route', 'RVA', [
        ['typeMy', 'phone number', 'UNCONFIRMED'], ['typePassword'], ['confirmPassword'], ['typeMy', 'email', 'UNCONFIRMED'], ['click', 'Create Account'], ['see', 'Confirmation Code'],
        ['typeCode', '123456'], ['intercept', 'ConfirmSignUp', 'confirm-sign-up-with-email'], ['interceptError', 'InitiateAuth', 'limit-exceeded-exception'],
        ['click', 'Confirm'], ['see', 'Sign In'],
      ]],
    ],
  },
  {
    feature: 'sign-up-with-attributes',
    example: 'sign-up-with-attributes',
    scenarios: [
      ['Login mechanism set to "username"', 'RVA', [['asType', 'Username', 'text'], ['asType', 'Email', 'email'], ['asType', 'Phone Number', 'tel']]],
      ['Sign Up screen does not have Address', 'RVA', [['notSee', 'Address']]],
      ['Sign Up screen has Birthdate', 'RVA', [['asType', 'Birthdate', 'date']]],
      ['Sign Up screen has Email', 'RVA', [['asType', 'Email', 'email']]],
      ['Sign Up screen has Family Name', 'RVA', [['asType', 'Family Name', 'text']]],
      ['Sign Up screen has Middle Name', 'RVA', [['asType', 'Middle Name', 'text']]],
      ['Sign Up screen does not have Gender', 'RVA', [['notSee', 'Gender']]],
      ['Sign Up screen does not have Locale', 'RVA', [['notSee', 'Locale']]],
      ['Sign Up screen has Given Name', 'RVA', [['asType', 'Given Name', 'text']]],
      ['Sign Up screen has Name', 'RVA', [['asType', 'Name', 'text']]],
      ['Sign Up screen has Nickname', 'RVA', [['asType', 'Nickname', 'text']]],
      ['Sign Up screen has Phone Number', 'RVA', [['asType', 'Phone Number', 'tel']]],
      ['Sign Up screen has Preferred Username', 'RVA', [['asType', 'Preferred Username', 'text']]],
      ['Sign Up screen does not have Picture', 'RVA', [['notSee', 'Picture']]],
      ['Sign Up screen has Profile', 'RVA', [['asType', 'Profile', 'url']]],
      ['Sign Up screen does not have Updated At', 'RVA', [['notSee', 'Updated At']]],
      ['Sign Up screen has Website', 'RVA', [['asType', 'Website', 'url']]],
      ['Sign Up screen does not have Zone Info', 'RVA', [['notSee', 'Zone Info']]],
      ['Sign In Force New Password screen has correct attributes', 'RVA', [
        ['intercept', RTAC, 'force-change-password-with-attributes'], ['clickTab', 'Sign In'], ...signIn('username', 'CONFIRMED'),
        ['asType', 'Website', 'url'], ['notSee', 'Updated At'], ['asType', 'Profile', 'url'], ['notSee', 'Picture'], ['asType', 'Preferred Username', 'text'],
        ['asType', 'Phone Number', 'tel'], ['asType', 'Nickname', 'text'], ['asType', 'Name', 'text'], ['asType', 'Given Name', 'text'], ['notSee', 'Locale'],
        ['notSee', 'Gender'], ['asType', 'Middle Name', 'text'], ['asType', 'Zone Info', 'text'], ['asType', 'Family Name', 'text'], ['notSee', 'Address'],
      ]],
    ],
  },
  {
    feature: 'sign-up-with-email-with-lambda-trigger',
    example: 'sign-up-with-email-lambda',
    scenarios: [
      ['Login mechanism set to "email"', 'RVA', [['asInput', 'Email'], ['notInput', 'Username'], ['notInput', 'Phone Number']]],
      ['Sign up with a new email & password with confirmed info', 'RVA', [
        ['typeNew', 'email'], ['typePassword'], ['confirmPassword'], ['intercept', SIGN_UP, 'sign-up-with-email-with-lambda-trigger'], ['spy', 'InitiateAuth'],
        ['click', 'Create Account'], ['confirmRequest', SIGN_UP], ['confirmRequest', 'InitiateAuth'], ['noButton', 'Create Account'],
      ]],
      ['Sign up with an email & password and verify it was called correctly', 'RVA', [
        ['typeNew', 'email', 'TEST@example.com'], ['typePassword'], ['confirmPassword'], ['intercept', SIGN_UP, 'sign-up-with-email-with-lambda-trigger'], ['spy', 'InitiateAuth'],
        ['click', 'Create Account'], ['confirmRequest', SIGN_UP], ['confirmRequest', 'InitiateAuth'], ['noButton', 'Create Account'],
      ]],
    ],
  },
  {
    feature: 'hub-events',
    example: 'hub-events',
    scenarios: [
      // Untagged upstream. "I dispatch tokenRefresh_failure" is re-expressed as a refresh Cognito
      // refuses (the session ends, the library says tokenRefresh_failure): a made-up event with
      // the session still valid keeps the user signed in here (a failed refresh never throws a
      // valid session away).
      ['Unsuccessful token refresh logs out the user', 'RVA', [...signIn('email', 'CONFIRMED'), ['see', 'Sign out'], ['refreshRefused'], ['see', 'Sign in']]],
    ],
  },
  {
    feature: 'sign-in-passwordless',
    example: 'sign-in-passwordless',
    background: [
      ['intercept', 'GetUser', 'Auth.currentAuthenticatedUser-verified-email'],
      ['intercept', 'ListWebAuthnCredentials', 'list-webauthn-credentials-empty'],
    ],
    // Replies shaped as the suite's fixtures (ministack's API does not run USER_AUTH); the
    // passkey is made by Chromium's virtual authenticator.
    scenarios: [
      ['Complete email OTP sign-in flow with mocked backend', 'R', [
        ['intercept', 'InitiateAuth', 'initiate-auth-email-otp'], ['intercept', RTAC, 'confirm-sign-in-email-otp'],
        ['typeMy', 'email', 'CONFIRMED'], ['see', 'Sign in with Email'], ['see', 'Other sign-in options'], ['click', 'Sign in with Email'], ['see', 'Code'],
        ['typeCode', '123456'], ['click', 'Confirm'], ['see', 'Sign in faster with Passkey'], ['click', 'Continue without a Passkey'], ['see', 'Sign out'],
      ]],
      ['Forgot password link is available in passwordless mode', 'R', [['typeMy', 'email', 'CONFIRMED'], ['see', 'Forgot your password?'], ['click', 'Forgot your password?'], ['see', 'Send code']]],
      ['Preferred auth method EMAIL_OTP hides password field', 'R', [['emailVisible'], ['noPasswordField']]],
      ['Passwordless enabled in UI but not in backend shows user-friendly error', 'R', [
        ['interceptError', 'InitiateAuth', 'user-auth-not-enabled'], ['typeMy', 'email', 'CONFIRMED'], ['see', 'Sign in with Email'], ['click', 'Sign in with Email'],
        ['see', 'Passwordless authentication is not enabled for this account'],
      ]],
      ['Sign in with email OTP and register passkey', 'R', [
        ['passkeyAuthenticator'], ['intercept', 'InitiateAuth', 'initiate-auth-email-otp'], ['intercept', RTAC, 'confirm-sign-in-email-otp'],
        ['intercept', 'StartWebAuthnRegistration', 'start-webauthn-registration'], ['intercept', 'CompleteWebAuthnRegistration', 'complete-webauthn-registration'],
        ['typeMy', 'email', 'CONFIRMED'], ['click', 'Sign in with Email'], ['typeCode', '123456'], ['click', 'Confirm'], ['see', 'Sign in faster with Passkey'],
        ['click', 'Create a Passkey'], ['see', 'Passkey created successfully'], ['click', 'Continue'], ['see', 'Sign out'],
      ]],
    ],
  },
];

/**
 * A scenario's test name: feature › scenario, and, when some Cognito replies are answered by
 * the test rather than ministack, which ones ("fixture replies: …").
 */
export function testName(feature, name, steps) {
  const stubbed = [...new Set(steps.filter(([step]) => step === 'intercept' || step === 'interceptError' || step === 'refreshRefused')
    .map(([step, op]) => (step === 'refreshRefused' ? 'GetTokensFromRefreshToken' : op)))];
  return `${feature} › ${name}${stubbed.length ? ` [fixture replies: ${stubbed.join(', ')}]` : ''}`;
}

/** The scenarios for one framework ('R', 'V' or 'A'): `{ feature, example, name, title, steps }`. */
export function scenariosFor(framework) {
  return FEATURES.flatMap((f) => f.scenarios
    .filter(([, on]) => on.includes(framework))
    .map(([name, , list]) => {
      const steps = [...(f.background ?? []), ...list];
      return { feature: f.feature, example: f.example, name, title: testName(f.feature, name, steps), steps };
    }));
}
