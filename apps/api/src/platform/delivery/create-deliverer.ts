import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Deliverer } from './deliverer.ts';
import { createSmtpMailer } from './smtp-mailer.ts';
import { createHttpSmsSender } from './sms-http.ts';
import { createDevMailboxSink } from './dev-mailbox-sink.ts';

type DeliveryConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'sms'>;

/** True when at least one channel lands in the dev mailbox (no SMTP_URL, or no SMS_PROVIDER_URL). */
export function devMailboxInUse(config: DeliveryConfig): boolean {
  return !config.smtpUrl || !config.sms.providerUrl;
}

/**
 * Email goes over SMTP when SMTP_URL is set, SMS to the HTTP provider when SMS_PROVIDER_URL is set;
 * each channel without its setting lands in the dev mailbox.
 */
export function createDeliverer(config: DeliveryConfig, db: Database, clock: Clock): Deliverer {
  const sink = createDevMailboxSink(db, clock);
  const mailer = config.smtpUrl
    ? createSmtpMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom })
    : null;
  const sms = config.sms.providerUrl
    ? createHttpSmsSender({
        providerUrl: config.sms.providerUrl,
        token: config.sms.token,
        from: config.sms.from,
      })
    : null;
  return {
    async deliver(message, practiceId) {
      switch (message.channel) {
        case 'email':
          if (mailer) await mailer.send(message);
          else await sink.deliver(message, practiceId);
          return;
        case 'sms':
          if (sms) await sms.send(message);
          else await sink.deliver(message, practiceId);
          return;
      }
    },
  };
}
