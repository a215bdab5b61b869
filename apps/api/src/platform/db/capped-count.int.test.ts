import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { devMailbox } from '../outbox/tables.ts';
import { cappedCount, pageTotal } from './capped-count.ts';

let t: TestApp;
let practiceId: string;

beforeAll(async () => {
  t = await createTestApp();
  practiceId = (await t.newPractice(['admin'])).practiceId;
  const deliveredAt = new Date('2026-11-21T15:00:00.000Z');
  await t.db.tenant(practiceId, (tx) =>
    tx.insert(devMailbox).values(
      Array.from({ length: 12 }, (_, i) => ({
        practiceId,
        channel: 'email' as const,
        to: `person${i}@example.com`,
        text: 'You have a message waiting.',
        deliveredAt,
      })),
    ),
  );
});
afterAll(async () => t.close());

const mailbox = () => ({ from: devMailbox, where: eq(devMailbox.practiceId, practiceId) });

describe('cappedCount', () => {
  it('counts exactly up to the cap', async () => {
    const counted = await t.db.tenant(practiceId, (tx) =>
      cappedCount(tx, { ...mailbox(), cap: 12 }),
    );
    expect(counted).toEqual({ total: 12, totalIsLowerBound: false });
  });

  it('stops past the cap and marks the total a lower bound', async () => {
    const counted = await t.db.tenant(practiceId, (tx) =>
      cappedCount(tx, { ...mailbox(), cap: 5 }),
    );
    expect(counted).toEqual({ total: 5, totalIsLowerBound: true });
  });
});

describe('pageTotal', () => {
  it('counts behind a full page or one past the end', async () => {
    const [full, beyond] = await t.db.tenant(practiceId, async (tx) => [
      await pageTotal(tx, { ...mailbox(), cap: 100 }, { offset: 0, pageSize: 5, rowsReturned: 5 }),
      await pageTotal(tx, { ...mailbox(), cap: 100 }, { offset: 50, pageSize: 5, rowsReturned: 0 }),
    ]);
    expect(full).toEqual({ total: 12, totalIsLowerBound: false });
    expect(beyond).toEqual({ total: 12, totalIsLowerBound: false });
  });

  it('takes the total from a short page without counting', async () => {
    // The condition matches no row: a count would say 0, so only the page can have told the total.
    const noSms = { from: devMailbox, where: eq(devMailbox.channel, 'sms') };
    const [shown, capped] = await t.db.tenant(practiceId, async (tx) => [
      await pageTotal(tx, { ...noSms, cap: 100 }, { offset: 10, pageSize: 5, rowsReturned: 2 }),
      await pageTotal(tx, { ...noSms, cap: 5 }, { offset: 10, pageSize: 5, rowsReturned: 2 }),
    ]);
    expect(shown).toEqual({ total: 12, totalIsLowerBound: false });
    expect(capped).toEqual({ total: 5, totalIsLowerBound: true });
  });
});
