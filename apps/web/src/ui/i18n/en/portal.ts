/** The patient portal: plain words, short sentences. */
export const portal = {
  tagline: 'Patient portal',
  loadFailed: 'Something went wrong',
  signIn: {
    title: 'Sign in to your patient portal',
    titleAt: 'Sign in to {{name}}',
    intro: 'Enter your email address to get started.',
    introPassword: 'Now enter your password.',
    email: 'Email',
    emailRequired: 'Enter your email address.',
    emailInvalid: 'Enter an email address like name@example.com.',
    continue: 'Continue',
    signingInAs: 'Signing in as {{email}}',
    differentEmail: 'Use a different email',
    password: 'Password',
    passwordRequired: 'Enter your password.',
    submit: 'Sign in',
    failed: 'We couldn’t sign you in',
    success: 'You are signed in.',
    forgot: 'Forgot password?',
    newHereTitle: 'New here?',
    newHere:
      'You need an invitation from your practice. Ask them to send you a portal invitation by email or text.',
  },
  forgot: {
    title: 'Forgot your password?',
    body: 'Password reset arrives with patient accounts. Until then, please contact your practice for help signing in.',
    back: 'Back to sign in',
  },
  notFound: {
    title: 'Practice not found',
    heading: 'We couldn’t find that practice',
    description: 'Check the link you were sent. If it still doesn’t work, contact your practice.',
    back: 'Go to the patient portal',
  },
  footer: {
    questions: 'Questions? Call {{name}} at',
    poweredBy: 'Powered by Portico',
  },
};
