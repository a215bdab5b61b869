import { z } from 'zod';
import { pageOf } from './common.ts';

export const deliveryChannel = z.enum(['email', 'sms']);
export type DeliveryChannel = z.infer<typeof deliveryChannel>;
export const deliveryStatus = z.enum(['pending', 'sending', 'sent', 'dead']);

export const mailboxMessage = z.object({
  id: z.string(),
  channel: deliveryChannel,
  to: z.string(),
  subject: z.string().nullable(),
  text: z.string(),
  html: z.string().nullable(),
  deliveredAt: z.string(),
});
export type MailboxMessage = z.infer<typeof mailboxMessage>;
export const mailboxPage = pageOf(mailboxMessage);

export const outboxItem = z.object({
  id: z.string(),
  channel: deliveryChannel,
  status: deliveryStatus,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
});
export const outboxPage = pageOf(outboxItem);

/** The dev mailbox: `enabled` is false when real SMTP/SMS delivery is configured. */
export const mailboxResponse = mailboxPage.extend({ enabled: z.boolean() });
export type MailboxResponse = z.infer<typeof mailboxResponse>;
