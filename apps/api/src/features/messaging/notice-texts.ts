/**
 * The words of message notices. They say only that a message is waiting and where: no subject,
 * body, patient name or anything about care (POLICY.md "Messaging": notifications).
 */

export function patientNoticeEmail(practiceName: string, link: string) {
  return {
    subject: `You have a new message from ${practiceName}`,
    text: [
      `${practiceName} has sent you a secure message in your patient portal.`,
      '',
      'To read it, sign in here:',
      link,
      '',
      'For your privacy, we never put the message itself in email.',
    ].join('\n'),
  };
}

export function patientNoticeSms(practiceName: string, link: string): string {
  return `${practiceName}: you have a new secure message in your patient portal. ${link}`;
}

export function staffNoticeEmail(practiceName: string, unreadThreads: number, link: string) {
  const conversations = unreadThreads === 1 ? '1 conversation' : `${unreadThreads} conversations`;
  return {
    subject: `Patient messages are waiting at ${practiceName}`,
    text: [
      `${conversations} at ${practiceName} ${unreadThreads === 1 ? 'has' : 'have'} unread patient messages.`,
      '',
      'Open the inbox:',
      link,
    ].join('\n'),
  };
}
