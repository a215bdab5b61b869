import type { MessageAuthor } from './rules.ts';
import { containsCardNumber, messageLengthProblem, messageLimits } from './rules.ts';
import { AppError, validation } from '../../platform/errors.ts';

/** Refuses a body that cannot be sent, with a message a patient understands (nothing is stored). */
export function assertSendableBody(body: string, author: MessageAuthor): void {
  const problem = messageLengthProblem(body, author);
  if (problem === 'empty') {
    throw validation('Write a message before sending.', [
      { path: 'body', message: 'The message is empty.' },
    ]);
  }
  if (problem === 'too_long') {
    const limit = messageLimits[author].toLocaleString('en-US');
    throw validation(`A message can be at most ${limit} characters. Shorten it and send again.`, [
      { path: 'body', message: `At most ${limit} characters.` },
    ]);
  }
  if (containsCardNumber(body)) {
    throw validation(
      'Your message looks like it contains a payment card number. For your safety, messages cannot carry card details: remove the number and send again. To pay, use Payments or call the practice.',
      [{ path: 'body', message: 'Remove the card number.' }],
    );
  }
}

export const threadReadOnly = (reason: 'closed' | 'end_dated') =>
  new AppError(
    'THREAD_READ_ONLY',
    reason === 'closed'
      ? 'This conversation is closed and cannot take new messages.'
      : 'This patient’s record is end-dated; their messages are kept read-only.',
  );
