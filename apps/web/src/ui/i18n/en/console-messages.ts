/** Practice console: inbox, threads, bulk messages, messaging settings and templates. */
export const consoleMessages = {
  title: 'Messages',
};
