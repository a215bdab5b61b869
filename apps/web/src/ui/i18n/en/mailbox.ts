/** The development mailbox: what email and SMS recipients would see. */
export const mailbox = {
  title: 'Dev mailbox',
  refresh: 'Refresh',
  banner: 'Development mailbox — messages are not really sent; this is what recipients would see.',
  off: 'Real delivery is configured; this mailbox is off.',
  emptyTitle: 'No messages yet',
  empty: 'Emails and text messages the system sends will appear here.',
  pagination: 'Mailbox pages',
  to: 'To',
  sent: 'Sent',
  noSubject: '(no subject)',
  emailLabel: 'Email: {{subject}}',
  smsLabel: 'Text message to {{to}}',
  smsTitle: 'Text message',
  showHtml: 'Show the HTML version',
  htmlTitle: 'HTML version of “{{subject}}”',
};
