import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PatientPage, PortalStatus } from '@portico/contracts';
import { portalStatus } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { hashToken } from '../../platform/tokens.ts';
import { invitations } from '../invitations/tables.ts';
import { createPatient, invitationUrl, signIn } from '../invitations/test-support.ts';
import { staffClient, type StaffClient } from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let client: StaffClient;
const ids: Record<string, string> = {};
const hourMs = 3_600_000;

/** An invitation row as the registration flow would leave it, sent `sentHoursAgo` before now. */
async function invite(
  practiceId: string,
  patientId: string,
  facts: { sentHoursAgo?: number; lifetimeHours?: number } & Partial<
    Pick<
      typeof invitations.$inferInsert,
      'revokedAt' | 'openedAt' | 'registrationStep' | 'completedAt' | 'supersededAt'
    >
  > = {},
) {
  const { sentHoursAgo = 1, lifetimeHours = 168, ...rest } = facts;
  const sentAt = new Date(t.clock.now().getTime() - sentHoursAgo * hourMs);
  await t.db.system((tx) =>
    tx.insert(invitations).values({
      practiceId,
      patientId,
      tokenHash: hashToken(`${patientId}-${sentAt.toISOString()}-${Math.random()}`),
      channels: ['email'],
      sentAt,
      expiresAt: new Date(sentAt.getTime() + lifetimeHours * hourMs),
      ...rest,
    }),
  );
}

const people: [key: string, lastName: string][] = [
  ['never', 'Adams'],
  ['sent', 'Baker'],
  ['revoked', 'Clark'],
  ['expired', 'Davis'],
  ['opened', 'Evans'],
  ['registering', 'Foster'],
  ['registered', 'Green'],
  ['resent', 'Hughes'],
  ['soon', 'Irwin'],
];

const expected: Record<string, PortalStatus> = {
  never: 'not_invited',
  sent: 'invited',
  revoked: 'revoked',
  expired: 'expired',
  opened: 'opened',
  registering: 'registering',
  registered: 'registered',
  resent: 'invited',
  soon: 'invited',
};

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
  client = staffClient(t, practice.cookie);
  for (const [key, lastName] of people) ids[key] = (await createPatient(client, { lastName })).id;
  const id = (key: string) => ids[key] ?? '';
  const p = practice.practiceId;
  const now = t.clock.now();
  // Through the API: a real send, and a send then revoked.
  expect((await client.post(invitationUrl(id('sent')), { channels: ['email'] })).statusCode).toBe(
    201,
  );
  expect(
    (await client.post(invitationUrl(id('revoked')), { channels: ['email'] })).statusCode,
  ).toBe(201);
  expect((await client.post(`${invitationUrl(id('revoked'))}/revoke`, {})).statusCode).toBe(200);
  await invite(p, id('expired'), { sentHoursAgo: 200 });
  await invite(p, id('opened'), { openedAt: now });
  await invite(p, id('registering'), { openedAt: now, registrationStep: 2 });
  await invite(p, id('registered'), { openedAt: now, registrationStep: 4, completedAt: now });
  // A revoked invitation superseded by a newer send: only the newer one counts.
  await invite(p, id('resent'), { sentHoursAgo: 5, revokedAt: now, supersededAt: now });
  await invite(p, id('resent'), { sentHoursAgo: 1 });
  // Expires 30 minutes from now (the clock moves past it below).
  await invite(p, id('soon'), { sentHoursAgo: 1, lifetimeHours: 1.5 });

  // Another practice's invitations (even rows naming this practice's patients) change nothing.
  const other = await t.newPractice(['admin']);
  await invite(other.practiceId, id('never'), { completedAt: now });
  await invite(other.practiceId, id('sent'), { revokedAt: now });
});
afterAll(async () => t.close());

async function list(query: Record<string, string> = {}): Promise<PatientPage> {
  const res = await client.get(`/api/practice/patients?${new URLSearchParams(query).toString()}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<PatientPage>();
}
const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0];

describe('portal status in the patient list', () => {
  it('shows each patient’s portal status from the current invitation of this practice', async () => {
    const page = await list();
    expect(Object.fromEntries(page.items.map((p) => [keyOf(p.id), p.portalStatus]))).toEqual(
      expected,
    );
  });

  it('filters by each portal status, with an exact total', async () => {
    for (const status of portalStatus.options) {
      const page = await list({ portalStatus: status });
      const want = people.map(([key]) => key).filter((key) => expected[key] === status);
      expect(
        page.items.map((p) => keyOf(p.id)),
        status,
      ).toEqual(want);
      expect(page.items.every((p) => p.portalStatus === status)).toBe(true);
      expect(page.total).toBe(want.length);
    }
  });

  it('combines the filter with a search and pages it', async () => {
    expect(
      (await list({ portalStatus: 'invited', q: 'baker' })).items.map((p) => keyOf(p.id)),
    ).toEqual(['sent']);
    expect((await list({ portalStatus: 'invited', q: 'adams' })).items).toEqual([]);
    const first = await list({ portalStatus: 'invited', pageSize: '2' });
    expect(first.items.map((p) => keyOf(p.id))).toEqual(['sent', 'resent']);
    expect(first).toMatchObject({ total: 3, totalIsLowerBound: false });
    const second = await list({ portalStatus: 'invited', pageSize: '2', page: '2' });
    expect(second.items.map((p) => keyOf(p.id))).toEqual(['soon']);
    expect(second.total).toBe(3);
    const notInvited = await list({ portalStatus: 'not_invited', pageSize: '1', page: '2' });
    expect(notInvited).toMatchObject({ items: [], total: 1 });
  });

  it('refuses an unknown portal status', async () => {
    expect((await client.get('/api/practice/patients?portalStatus=lost')).statusCode).toBe(400);
  });

  it('an invitation expires with the service clock', async () => {
    t.clock.advanceSeconds(31 * 60);
    client = staffClient(t, await signIn(t, practice.staff.admin?.email ?? ''));
    const soon = (await list()).items.find((p) => p.id === ids.soon);
    expect(soon?.portalStatus).toBe('expired');
    expect((await list({ portalStatus: 'expired' })).items.map((p) => keyOf(p.id))).toEqual([
      'expired',
      'soon',
    ]);
    expect((await list({ portalStatus: 'invited' })).total).toBe(2);
  });
});
