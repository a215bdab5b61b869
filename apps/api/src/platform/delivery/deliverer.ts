import type { OutboxPayload } from '../outbox/tables.ts';

/** Sends one message. Throws on failure; the worker retries with backoff. */
export interface Deliverer {
  deliver(message: OutboxPayload, practiceId: string | null): Promise<void>;
}
