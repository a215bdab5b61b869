// Issue 3 acceptance: two API processes on one PostgreSQL, 20 concurrent re-sends for one patient
// → exactly 1 sent, 19 told how long to wait. On PGlite (one process) the same 20 go to one app.
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { openPostgres } from '../../platform/db/postgres.ts';
import { staffClient } from '../patients/test-support.ts';
import {
  createPatient,
  invitationMessages,
  invitationRows,
  invitationUrl,
} from './test-support.ts';

let first: TestApp;
let second: TestApp | undefined;
let practice: TestPractice;

beforeAll(async () => {
  first = await createTestApp();
  practice = await first.newPractice(['admin']);
  if (first.db.driver === 'postgres') {
    const db = openPostgres({ connectionString: inject('postgresUrl'), maxConnections: 5 });
    second = await createTestApp({ db });
    second.clock.set(first.clock.now());
  }
});
afterAll(async () => {
  await first.close();
  if (second) {
    await second.close();
    await second.db.close();
  }
});

it('20 concurrent sends for one patient: exactly one is sent, 19 are told how long to wait', async () => {
  const patient = await createPatient(staffClient(first, practice.cookie));
  const apps = second ? [first, second] : [first];
  const responses = await Promise.all(
    Array.from({ length: 20 }, (_, i) => {
      const app = apps[i % apps.length] ?? first;
      return app.fastify.inject({
        method: 'POST',
        url: invitationUrl(patient.id),
        headers: { cookie: practice.cookie },
        payload: { channels: ['email', 'sms'] },
      });
    }),
  );
  const statuses = responses.map((r) => r.statusCode);
  expect(
    statuses.filter((s) => s === 201),
    JSON.stringify(statuses),
  ).toHaveLength(1);
  const refused = responses.filter((r) => r.statusCode === 429);
  expect(refused).toHaveLength(19);
  for (const res of refused) {
    const body = res.json<{ code: string; retryAfterSeconds: number }>();
    expect(body.code).toBe('COOLDOWN');
    expect(body.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(body.retryAfterSeconds).toBeLessThanOrEqual(60);
  }
  const rows = await invitationRows(first, practice.practiceId, patient.id);
  expect(rows).toHaveLength(1);
  const messages = await invitationMessages(first, practice.practiceId);
  expect(messages.map((m) => [m.channel, m.reference])).toEqual([
    ['email', `invitation:${rows[0]?.id}`],
    ['sms', `invitation:${rows[0]?.id}`],
  ]);
});
