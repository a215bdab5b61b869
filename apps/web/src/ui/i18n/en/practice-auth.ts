/** Staff sign-in, session and one-time password links. */
export const practiceAuth = {
  consoleName: 'Practice console',
  fields: {
    email: 'Email',
    password: 'Password',
    newPassword: 'New password',
  },
  session: {
    checking: 'Checking your session…',
  },
  signIn: {
    title: 'Sign in',
    description: 'Sign in to the practice console with your work email.',
    submit: 'Sign in',
    failed: 'Sign-in failed',
    sessionEnded: 'Your session ended. Please sign in again to continue.',
    emailRequired: 'Enter your email address.',
    passwordRequired: 'Enter your password.',
  },
  setPassword: {
    title: 'Choose your password',
    hint: 'Use at least {{count}} characters. A few unrelated words make a strong password that is easy to remember.',
    tooShort: 'Use at least {{count}} characters.',
    submit: 'Set password',
    failed: 'Your password was not saved',
    linkProblemTitle: 'This link cannot be used',
    linkProblemHelp:
      'Links are single-use and expire. Ask your practice administrator for a new link.',
    missingToken:
      'This link is incomplete. Open the full link you were given, or ask your administrator for a new one.',
    doneTitle: 'Password set',
    done: 'Your password is set. You can now sign in.',
    goToSignIn: 'Go to sign in',
  },
};
