/** Shared words: actions, states, errors, pagination, roles. */
export const common = {
  appName: 'Portico',
  documentTitle: '{{title}} · Portico',
  skipToContent: 'Skip to main content',
  loading: 'Loading…',
  showTyped: 'Show what you typed',
  scrollTable: '{{label}} table',
  actions: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Try again',
    reload: 'Reload the page',
  },
  errors: {
    loadTitle: 'This could not be loaded',
    network: 'We could not reach the server. Check your connection and try again.',
    unexpected: 'Something unexpected went wrong. Please try again.',
    reference: 'Reference: {{requestId}}',
    pageTitle: 'Something went wrong',
    pageHelp: 'Reloading the page usually helps. If it keeps happening, tell your administrator.',
  },
  notFound: {
    pageTitle: 'Page not found',
    title: 'We could not find that page',
    description: 'The address may be mistyped, or the page may have moved.',
    home: 'Go to the start page',
  },
  pagination: {
    showing: 'Showing {{from}}–{{to}} of {{total}}',
    showingLowerBound: 'Showing {{from}}–{{to}} of {{total}}+',
    previous: 'Prev',
    next: 'Next',
  },
  roles: {
    admin: 'Administrator',
    clinician: 'Clinician',
    front_desk: 'Front desk',
    billing: 'Billing',
  },
  shell: {
    toggleNavigation: 'Toggle navigation',
  },
};
