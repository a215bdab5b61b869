// Which patient record a portal session acts for: end-dated records, switching, the portal me.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { PortalMe } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { auditRows, staffClient } from '../patients/test-support.ts';
import { signIn as staffSignIn } from '../invitations/test-support.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { todayIn } from '../../platform/time.ts';
import { portalMeOfSession } from './service.ts';
import { createPortalSessionResolver } from './sessions.ts';
import { portalSessions } from './tables.ts';
import {
  portalClient,
  registeredPatient,
  signInPatient,
  signInPatientResponse,
  wrongPassword,
} from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
});
afterAll(async () => t.close());

const signIn = (email: string, password: string, headers: Record<string, string> = {}) =>
  signInPatientResponse(t, email, password, headers);

/** A staff cookie that is valid now (the clock may have moved past the first one's timeouts). */
async function staff() {
  const email = practice.staff.admin?.email ?? '';
  return staffClient(t, await staffSignIn(t, email));
}

async function endDate(patientId: string) {
  const client = await staff();
  const current = await client.get(`/api/practice/patients/${patientId}`);
  const { version } = current.json<{ version: number }>();
  const { practice: where } = (await client.get('/api/practice/auth/me')).json<{
    practice: { timeZone: string };
  }>();
  const today = todayIn(where.timeZone, t.clock.now());
  const res = await client.post(`/api/practice/patients/${patientId}/end-date`, {
    endDate: today,
    reason: 'Moved away',
    version,
  });
  expect(res.statusCode).toBe(200);
}

async function reactivate(patientId: string) {
  const client = await staff();
  const current = await client.get(`/api/practice/patients/${patientId}`);
  const { version } = current.json<{ version: number }>();
  const res = await client.post(`/api/practice/patients/${patientId}/reactivate`, { version });
  expect(res.statusCode).toBe(200);
}

describe('end-dated records', () => {
  it('refuses sign-in after a correct password when every record is end-dated; reactivation restores it', async () => {
    const p = await registeredPatient(t, practice);
    await endDate(p.patientId);
    const wrongAnswer = await signIn(p.email, wrongPassword(1));
    expect(wrongAnswer.statusCode).toBe(401);
    const res = await signIn(p.email, p.password);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({
      code: 'FORBIDDEN',
      message: `Your portal access at Test Practice ${practice.slug} has ended. Contact the practice.`,
    });
    expect(res.headers['set-cookie']).toBeUndefined();
    const denied = await auditRows(t, practice.practiceId, 'portal.sign_in');
    expect(denied.some((a) => a.actorId === p.accountId && a.outcome === 'denied')).toBe(true);

    await reactivate(p.patientId);
    expect((await signIn(p.email, p.password)).statusCode).toBe(200);
  });

  it('an open session whose record becomes end-dated is refused, and restored by reactivation', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    expect((await client.get('/api/portal/auth/me')).statusCode).toBe(200);
    await endDate(p.patientId);
    const refused = await client.get('/api/portal/auth/me');
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ message: string }>().message).toBe(
      `Your portal access at Test Practice ${practice.slug} has ended. Contact the practice.`,
    );
    expect((await client.post('/api/portal/auth/keep-alive')).statusCode).toBe(403);
    await reactivate(p.patientId);
    const back = await client.get('/api/portal/auth/me');
    expect(back.statusCode).toBe(200);
    expect(back.json<PortalMe>().patient?.id).toBe(p.patientId);
  });

  it('the session resolver leaves out an end-dated record, so patient endpoints refuse at once', async () => {
    const p = await registeredPatient(t, practice);
    const cookie = await signInPatient(t, p.email, p.password);
    const token = cookie.split('=')[1] ?? '';
    const resolve = createPortalSessionResolver({ db: t.db, clock: t.clock });
    const before = await resolve(token, systemMeta, { background: false });
    expect(before.ctx).toMatchObject({ practiceId: practice.practiceId, patientId: p.patientId });
    await endDate(p.patientId);
    const after = await resolve(token, systemMeta, { background: false });
    expect(after.ctx).toMatchObject({ practiceId: null, patientId: null });
    expect(after.selectedPatientId).toBe(p.patientId);
    await reactivate(p.patientId);
    const again = await resolve(token, systemMeta, { background: false });
    expect(again.ctx.patientId).toBe(p.patientId);
  });

  it('moves to another open record of the account, and switch-record refuses the ended one', async () => {
    const other = await t.newPractice(['admin']);
    const p = await registeredPatient(t, practice);
    t.clock.advanceSeconds(1);
    const second = await registeredPatient(t, other, { accountId: p.accountId, email: p.email });
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const me = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    expect(me.patient?.id).toBe(p.patientId);
    expect(me.records.map((r) => r.patientId)).toEqual([p.patientId, second.patientId]);

    await endDate(p.patientId);
    const moved = await client.get('/api/portal/auth/me');
    expect(moved.statusCode).toBe(200);
    const movedMe = moved.json<PortalMe>();
    expect(movedMe.patient?.id).toBe(second.patientId);
    expect(movedMe.records.find((r) => r.patientId === p.patientId)?.active).toBe(false);

    const back = await client.post('/api/portal/auth/switch-record', { patientId: p.patientId });
    expect(back.statusCode).toBe(403);
    expect(back.json()).toMatchObject({ code: 'FORBIDDEN' });
    await reactivate(p.patientId);
    const switched = await client.post('/api/portal/auth/switch-record', {
      patientId: p.patientId,
    });
    expect(switched.statusCode).toBe(200);
    expect(switched.json<PortalMe>().patient?.id).toBe(p.patientId);
  });
});

describe('switch-record', () => {
  it("refuses a record that is not the account's, and bad input", async () => {
    const p = await registeredPatient(t, practice);
    const stranger = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const res = await client.post('/api/portal/auth/switch-record', {
      patientId: stranger.patientId,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
    const bad = await client.post('/api/portal/auth/switch-record', { patientId: 'nope' });
    expect(bad.statusCode).toBe(400);
    const me = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    expect(me.patient?.id).toBe(p.patientId);
  });
});

describe('portalMeOfSession (for the second-factor and registration steps)', () => {
  it('answers the same me as GET /me for a session id', async () => {
    const p = await registeredPatient(t, practice);
    const client = portalClient(t, await signInPatient(t, p.email, p.password));
    const viaRoute = (await client.get('/api/portal/auth/me')).json<PortalMe>();
    const [session] = await t.db.system((tx) =>
      tx.select().from(portalSessions).where(eq(portalSessions.accountId, p.accountId)),
    );
    const direct = await portalMeOfSession(t.db, session?.id ?? '', systemMeta, t.clock.now());
    expect(direct).toEqual(viaRoute);
  });
});
