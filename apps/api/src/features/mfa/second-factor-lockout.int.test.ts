import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { StaffMe, TotpEnrollment } from '@portico/contracts';
import { createTestApp, testPassword, type TestApp } from '../../../test/harness.ts';
import { hashPassword } from '../../platform/auth/password-hash.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import {
  cookieOf,
  portalClient,
  randomIp,
  registeredPatient,
  signInPatientResponse,
} from '../portal-accounts/test-support.ts';
import { portalAccounts } from '../portal-accounts/tables.ts';
import { staffUsers } from '../staff-auth/tables.ts';
import { mfaFactors, mfaRecoveryCodes } from './tables.ts';
import { newTotpSecret, totpCodeAt } from './totp-rules.ts';
import { enrollTotp, portalSessionOf } from './test-support.ts';
import { softAuthenticator } from './webauthn-test-support.ts';

let t: TestApp;
let passwordHash: string;
beforeAll(async () => {
  t = await createTestApp();
  passwordHash = await hashPassword(testPassword);
});
afterAll(async () => t.close());

const verify = '/api/portal/auth/mfa/verify';

/** A patient with an authenticator app (and recovery codes), signed out. */
async function patientWithTotp() {
  const practice = await t.newPractice();
  const patient = await registeredPatient(t, practice);
  const { secret, codes } = await enrollTotp(t, await portalSessionOf(t, patient));
  t.clock.advanceSeconds(30);
  return { patient, secret, codes };
}

/** Email + right password: a session waiting for its second factor. */
async function pendingSignIn(email: string, password: string) {
  const res = await signInPatientResponse(t, email, password);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json()).toMatchObject({ status: 'mfa_required' });
  return portalClient(t, cookieOf(res));
}

const failedSignInsOf = async (accountId: string) => {
  const [row] = await t.db.system((tx) =>
    tx
      .select({ n: portalAccounts.failedSignIns, lockedUntil: portalAccounts.lockedUntil })
      .from(portalAccounts)
      .where(eq(portalAccounts.id, accountId)),
  );
  return row;
};

describe('wrong second-factor codes count against the account (portal)', () => {
  it('5 end the session; 5 more after signing in again lock the account, password and all', async () => {
    const { patient } = await patientWithTotp();
    const first = await pendingSignIn(patient.email, patient.password);
    for (let i = 0; i < 4; i++) {
      const res = await first.post(verify, { method: 'totp', code: '000000' });
      expect(res.statusCode).toBe(400);
    }
    const fifth = await first.post(verify, { method: 'recovery_code', code: 'AAAAA-BBBBB' });
    expect(fifth.statusCode).toBe(401);
    expect(fifth.json()).toMatchObject({ code: 'SESSION_EXPIRED' });
    expect((await failedSignInsOf(patient.accountId))?.n).toBe(5);

    // The right password does not forget the wrong codes: a second factor is still due.
    const second = await pendingSignIn(patient.email, patient.password);
    expect((await failedSignInsOf(patient.accountId))?.n).toBe(5);
    for (let i = 0; i < 4; i++) {
      expect((await second.post(verify, { method: 'totp', code: '000000' })).statusCode).toBe(400);
    }
    const tenth = await second.post(verify, { method: 'totp', code: '000000' });
    expect(tenth.statusCode).toBe(423);
    expect(tenth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const state = await failedSignInsOf(patient.accountId);
    expect(state?.n).toBe(10);
    expect(state?.lockedUntil?.getTime()).toBe(t.clock.now().getTime() + 15 * 60_000);

    const locked = await signInPatientResponse(t, patient.email, patient.password);
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      retryAfterSeconds: 900,
    });
  });

  it('a locked account is refused before any code is compared, even the right one', async () => {
    const { patient, secret } = await patientWithTotp();
    const pending = await pendingSignIn(patient.email, patient.password);
    const until = new Date(t.clock.now().getTime() + 5 * 60_000);
    await t.db.system((tx) =>
      tx
        .update(portalAccounts)
        .set({ lockedUntil: until })
        .where(eq(portalAccounts.id, patient.accountId)),
    );
    const res = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(res.statusCode).toBe(423);
    expect(res.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      retryAfterSeconds: 300,
    });
    expect((await failedSignInsOf(patient.accountId))?.n).toBe(0);
  });

  it('the right code after a few wrong ones forgets the failures', async () => {
    const { patient, secret } = await patientWithTotp();
    const pending = await pendingSignIn(patient.email, patient.password);
    for (let i = 0; i < 3; i++) {
      expect((await pending.post(verify, { method: 'totp', code: '000000' })).statusCode).toBe(400);
    }
    expect((await failedSignInsOf(patient.accountId))?.n).toBe(3);
    const right = await pending.post(verify, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(right.statusCode, right.body).toBe(200);
    expect((await failedSignInsOf(patient.accountId))?.n).toBe(0);
  });

  it('8 wrong codes at once on one session: at most 5 are compared', async () => {
    const { patient } = await patientWithTotp();
    const pending = await pendingSignIn(patient.email, patient.password);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => pending.post(verify, { method: 'totp', code: '000000' })),
    );
    expect(answers.filter((a) => a.statusCode === 400).length).toBe(4);
    expect(answers.filter((a) => a.statusCode === 401).length).toBe(4);
    expect((await failedSignInsOf(patient.accountId))?.n).toBe(5);
    const failures = await t.db.system((tx) =>
      tx
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.actorId, patient.accountId),
            eq(auditEvents.action, 'portal_auth.second_factor'),
            eq(auditEvents.outcome, 'failure'),
          ),
        ),
    );
    expect(failures).toHaveLength(5);
  });
});

describe('MFA setup races (portal)', () => {
  it('two tabs confirming an authenticator app at once: never two confirmed', async () => {
    const practice = await t.newPractice();
    const patient = await registeredPatient(t, practice);
    const client = await portalSessionOf(t, patient);
    // Two setups started at the same moment (each tab's start saw no other).
    const secrets = [newTotpSecret(), newTotpSecret()];
    const ids = await t.db.system(async (tx) =>
      tx
        .insert(mfaFactors)
        .values(
          secrets.map((totpSecret) => ({
            subjectType: 'portal' as const,
            subjectId: patient.accountId,
            kind: 'totp' as const,
            label: 'Authenticator app',
            totpSecret,
            createdAt: t.clock.now(),
          })),
        )
        .returning({ id: mfaFactors.id }),
    );
    const answers = await Promise.all(
      ids.map(({ id }, i) =>
        client.post('/api/portal/mfa/totp/confirm', {
          factorId: id,
          code: totpCodeAt(secrets[i] ?? '', t.clock.now()),
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const confirmed = await t.db.system((tx) =>
      tx
        .select()
        .from(mfaFactors)
        .where(
          and(
            eq(mfaFactors.subjectId, patient.accountId),
            eq(mfaFactors.kind, 'totp'),
            isNotNull(mfaFactors.confirmedAt),
          ),
        ),
    );
    expect(confirmed).toHaveLength(1);
    expect(await unusedCodes(patient.accountId)).toBe(10);
  });

  it('regenerating recovery codes twice at once leaves exactly 10 valid codes', async () => {
    const practice = await t.newPractice();
    const patient = await registeredPatient(t, practice);
    const client = await portalSessionOf(t, patient);
    await enrollTotp(t, client);
    const answers = await Promise.all([
      client.post('/api/portal/mfa/recovery-codes'),
      client.post('/api/portal/mfa/recovery-codes'),
      client.post('/api/portal/mfa/recovery-codes'),
    ]);
    for (const a of answers) expect(a.statusCode, a.body).toBe(200);
    expect(await unusedCodes(patient.accountId)).toBe(10);
  });
});

const unusedCodes = async (subjectId: string) =>
  (
    await t.db.system((tx) =>
      tx
        .select()
        .from(mfaRecoveryCodes)
        .where(and(eq(mfaRecoveryCodes.subjectId, subjectId), isNull(mfaRecoveryCodes.usedAt))),
    )
  ).length;

/** A staff member with a password, signed in (no second factor yet: the enrollment session). */
async function staffMember() {
  const practice = await t.newPractice();
  const email = `clinician-${randomUUID().slice(0, 8)}@example.com`;
  const userId = await t.context.services.practices.addStaff(practice.practiceId, {
    email,
    displayName: 'New Clinician',
    role: 'clinician',
    passwordHash,
  });
  return { email, userId };
}

async function staffSignIn(email: string) {
  const res = await t.fastify.inject({
    method: 'POST',
    url: '/api/practice/auth/sign-in',
    payload: { email, password: testPassword },
    remoteAddress: randomIp(),
  });
  return { res, staff: portalClient(t, cookieOf(res)) };
}

async function staffEnrollTotp(staff: ReturnType<typeof portalClient>) {
  const { factorId, secret } = (await staff.post('/api/practice/mfa/totp')).json<TotpEnrollment>();
  const res = await staff.post('/api/practice/mfa/totp/confirm', {
    factorId,
    code: totpCodeAt(secret, t.clock.now()),
  });
  expect(res.statusCode, res.body).toBe(200);
  return secret;
}

const staffFailures = async (userId: string) => {
  const [row] = await t.db.system((tx) =>
    tx.select({ n: staffUsers.failedSignIns }).from(staffUsers).where(eq(staffUsers.id, userId)),
  );
  return row?.n;
};

describe('staff: wrong second-factor codes and the last factor', () => {
  it('10 wrong codes over two sign-ins lock the staff account; a right code resets the count', async () => {
    const { email, userId } = await staffMember();
    const secret = await staffEnrollTotp((await staffSignIn(email)).staff);
    t.clock.advanceSeconds(30);
    const verifyUrl = '/api/practice/auth/mfa/verify';

    const one = (await staffSignIn(email)).staff;
    for (let i = 0; i < 2; i++) {
      expect((await one.post(verifyUrl, { method: 'totp', code: '000000' })).statusCode).toBe(400);
    }
    expect(await staffFailures(userId)).toBe(2);
    const right = await one.post(verifyUrl, {
      method: 'totp',
      code: totpCodeAt(secret, t.clock.now()),
    });
    expect(right.statusCode, right.body).toBe(200);
    expect(right.json<StaffMe>().session.secondFactorSatisfied).toBe(true);
    expect(await staffFailures(userId)).toBe(0);

    for (const round of [1, 2]) {
      const { staff } = await staffSignIn(email);
      for (let i = 0; i < 4; i++) {
        const res = await staff.post(verifyUrl, { method: 'recovery_code', code: 'AAAAA-BBBBB' });
        expect(res.statusCode).toBe(400);
      }
      const last = await staff.post(verifyUrl, { method: 'totp', code: '000000' });
      expect(last.json()).toMatchObject({
        code: round === 1 ? 'SESSION_EXPIRED' : 'ACCOUNT_LOCKED',
      });
    }
    expect(await staffFailures(userId)).toBe(10);
    const locked = (await staffSignIn(email)).res;
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('removing the authenticator app and the only passkey at once: one succeeds, one factor remains', async () => {
    const { email, userId } = await staffMember();
    const { staff } = await staffSignIn(email);
    await staffEnrollTotp(staff);
    const options = (await staff.post('/api/practice/mfa/passkeys/options')).json<
      Record<string, unknown>
    >();
    const added = await staff.post('/api/practice/mfa/passkeys', {
      response: softAuthenticator().register(options, 'http://portico.test'),
      label: 'Desk key',
    });
    expect(added.statusCode, added.body).toBe(200);
    const { factorId } = added.json<{ factorId: string }>();

    const answers = await Promise.all([
      staff.delete('/api/practice/mfa/totp'),
      staff.delete(`/api/practice/mfa/passkeys/${factorId}`),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const left = await t.db.system((tx) =>
      tx
        .select()
        .from(mfaFactors)
        .where(and(eq(mfaFactors.subjectId, userId), isNotNull(mfaFactors.confirmedAt))),
    );
    expect(left).toHaveLength(1);
  });
});
