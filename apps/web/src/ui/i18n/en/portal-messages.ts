/** Patient portal: messages, new message, thread, notification preferences. */
export const portalMessages = {
  title: 'Messages',
};
