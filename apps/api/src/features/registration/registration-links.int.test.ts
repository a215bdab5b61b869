import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { ErrorBody, PasswordCheckResult, RegistrationState } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { staffClient, type StaffClient } from '../patients/test-support.ts';
import { patients } from '../patients/tables.ts';
import { invitationUrl, signIn } from '../invitations/test-support.ts';
import { portalAccess, portalAccounts, portalSessions } from '../portal-accounts/tables.ts';
import { mfaFactors } from '../mfa/tables.ts';
import {
  accountStep,
  invitationOf,
  invite,
  invitedPatient,
  latestCode,
  registrationCall,
  strongPassword,
  throughEmail,
} from './test-support.ts';

let t: TestApp;
let practice: TestPractice;
let admin: StaffClient;

beforeAll(async () => {
  t = await createTestApp();
  practice = await t.newPractice(['admin']);
  admin = staffClient(t, practice.cookie);
});
afterAll(async () => t.close());

const unusable = async (token: string, reason: string) => {
  const res = await registrationCall(t, 'status', { token });
  expect(res.statusCode, res.body).toBe(410);
  const body = res.json<ErrorBody>();
  expect(body).toMatchObject({ code: 'LINK_UNUSABLE', reason });
  expect(body.message).not.toMatch(/Jane|Doe|1980/);
  return body;
};

async function finishPhone(token: string, patientId: string, practiceId: string) {
  const send = await registrationCall(t, 'phone/send', { token, channel: 'sms' });
  expect(send.statusCode, send.body).toBe(200);
  const id = (await invitationOf(t, patientId))?.id ?? '';
  const { code } = await latestCode(t, practiceId, id, 'sms');
  return registrationCall(t, 'phone/verify', { token, code });
}

describe('links that cannot be used', () => {
  it('answers an unknown token as invalid, without detail', async () => {
    const body = await unusable('x'.repeat(43), 'invalid');
    expect(body.message).toMatch(/ask them to send you a new invitation/);
  });

  it('refuses a superseded link; the newer one works', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    t.clock.advanceSeconds(61);
    const newer = await invite(t, practice.practiceId, admin, inv.patientId);
    await unusable(inv.token, 'superseded');
    const res = await registrationCall(t, 'status', { token: newer });
    expect(res.statusCode).toBe(200);
  });

  it('refuses a revoked link, even in the middle of registering', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    expect((await admin.post(`${invitationUrl(inv.patientId)}/revoke`)).statusCode).toBe(200);
    await unusable(inv.token, 'revoked');
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    const { code } = await latestCode(t, practice.practiceId, id, 'email');
    const verify = await registrationCall(t, 'email/verify', { token: inv.token, code });
    expect(verify.json<ErrorBody>()).toMatchObject({ code: 'LINK_UNUSABLE', reason: 'revoked' });
  });

  it('refuses the link of an end-dated patient and of a patient under 13', async () => {
    const ended = await invitedPatient(t, practice.practiceId, admin);
    await t.db.system((tx) =>
      tx.update(patients).set({ endDate: '2026-11-01' }).where(eq(patients.id, ended.patientId)),
    );
    const body = await unusable(ended.token, 'end_dated');
    expect(body.message).toMatch(/contact the practice/);

    const child = await invitedPatient(t, practice.practiceId, admin);
    await t.db.system((tx) =>
      tx
        .update(patients)
        .set({ dateOfBirth: '2015-01-01' })
        .where(eq(patients.id, child.patientId)),
    );
    await unusable(child.token, 'invalid');
  });
});

describe('an email that already has a portal account', () => {
  it("links the patient to it with that account's password (with the lockout rules)", async () => {
    const first = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, first);
    expect((await finishPhone(first.token, first.patientId, practice.practiceId)).statusCode).toBe(
      200,
    );

    const other = await t.newPractice(['admin']);
    const otherAdmin = staffClient(t, other.cookie);
    const second = await invitedPatient(t, other.practiceId, otherAdmin);
    const step1 = await registrationCall(
      t,
      'account',
      accountStep(second.token, first.email, { password: 'violet-harbor-cinnamon-42-drift' }),
    );
    expect(step1.statusCode, step1.body).toBe(200);
    const id = (await invitationOf(t, second.patientId))?.id ?? '';
    const { code } = await latestCode(t, other.practiceId, id, 'email');
    const verified = await registrationCall(t, 'email/verify', { token: second.token, code });
    expect(verified.json<RegistrationState>()).toMatchObject({
      step: 'verify_email',
      linkExistingAccount: true,
    });
    // Resuming shows the same question; the phone steps are not available yet.
    const resumed = await registrationCall(t, 'status', { token: second.token });
    expect(resumed.json<RegistrationState>().linkExistingAccount).toBe(true);
    expect(
      (await registrationCall(t, 'phone/send', { token: second.token, channel: 'sms' })).statusCode,
    ).toBe(409);

    const wrong = await registrationCall(t, 'link-account', {
      token: second.token,
      password: 'violet-harbor-cinnamon-42-drift',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<ErrorBody>().issues?.[0]?.path).toBe('password');
    const account = async () =>
      (
        await t.db.system((tx) =>
          tx.select().from(portalAccounts).where(eq(portalAccounts.email, first.email)),
        )
      )[0];
    expect((await account())?.failedSignIns).toBe(1);
    const originalHash = (await account())?.passwordHash;
    expect(originalHash).toMatch(/^\$argon2id\$/);
    // The 10th failure in a row locks the account for 15 minutes.
    await t.db.system((tx) =>
      tx
        .update(portalAccounts)
        .set({ failedSignIns: 9 })
        .where(eq(portalAccounts.email, first.email)),
    );
    await registrationCall(t, 'link-account', { token: second.token, password: 'nope' });
    const locked = await registrationCall(t, 'link-account', {
      token: second.token,
      password: strongPassword,
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json<ErrorBody>()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      retryAfterSeconds: 900,
    });
    t.clock.advanceSeconds(15 * 60);
    // The staff sessions idled out meanwhile (15 minutes).
    admin = staffClient(t, await signIn(t, practice.staff.admin?.email ?? ''));

    const linked = await registrationCall(t, 'link-account', {
      token: second.token,
      password: strongPassword,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json<RegistrationState>()).toMatchObject({
      step: 'verify_phone',
      linkExistingAccount: false,
    });
    expect((await account())?.failedSignIns).toBe(0);
    expect((await finishPhone(second.token, second.patientId, other.practiceId)).statusCode).toBe(
      200,
    );
    const accountId = (await account())?.id ?? '';
    const accessRows = await t.db.system((tx) =>
      tx.select().from(portalAccess).where(eq(portalAccess.accountId, accountId)),
    );
    expect(accessRows.map((r) => r.practiceId).sort()).toEqual(
      [practice.practiceId, other.practiceId].sort(),
    );
    // Step 1's password did not replace the account's; the link is used up now.
    expect((await account())?.passwordHash).toBe(originalHash);
    const afterUse = await t.fastify.inject({
      method: 'POST',
      url: '/api/portal/registration/link-account',
      payload: { token: second.token, password: strongPassword },
    });
    expect(afterUse.json<ErrorBody>().reason).toBe('used');
  });

  it('completes into an account with a second factor without signing in, and keeps its verified phone', async () => {
    const first = await invitedPatient(t, practice.practiceId, admin, { phone: '+1 617 555 0142' });
    await throughEmail(t, practice.practiceId, first);
    expect((await finishPhone(first.token, first.patientId, practice.practiceId)).statusCode).toBe(
      200,
    );
    const account = async () =>
      (
        await t.db.system((tx) =>
          tx.select().from(portalAccounts).where(eq(portalAccounts.email, first.email)),
        )
      )[0];
    const before = await account();
    if (!before) throw new Error('account missing');
    await t.db.system((tx) =>
      tx.insert(mfaFactors).values({
        subjectType: 'portal',
        subjectId: before.id,
        kind: 'totp',
        label: 'Authenticator app',
        totpSecret: 'JBSWY3DPEHPK3PXP',
        confirmedAt: t.clock.now(),
        createdAt: t.clock.now(),
      }),
    );

    const other = await t.newPractice(['admin']);
    const otherAdmin = staffClient(t, other.cookie);
    const second = await invitedPatient(t, other.practiceId, otherAdmin, {
      phone: '+1 617 555 0199',
    });
    await registrationCall(t, 'account', accountStep(second.token, first.email));
    const id = (await invitationOf(t, second.patientId))?.id ?? '';
    const { code } = await latestCode(t, other.practiceId, id, 'email');
    await registrationCall(t, 'email/verify', { token: second.token, code });
    const linked = await registrationCall(t, 'link-account', {
      token: second.token,
      password: strongPassword,
    });
    expect(linked.statusCode, linked.body).toBe(200);

    const done = await finishPhone(second.token, second.patientId, other.practiceId);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<RegistrationState>().step).toBe('complete');
    // The password and codes of registration are not the account's second factor: no session.
    expect(done.headers['set-cookie']).toBeUndefined();
    const sessions = await t.db.system((tx) =>
      tx.select().from(portalSessions).where(eq(portalSessions.accountId, before.id)),
    );
    expect(sessions.filter((s) => s.signInMethod === 'registration')).toHaveLength(1);
    // The SMS factor's destination is not replaced by the new record's number.
    expect((await account())?.phone).toBe(before.phone);
    const accessRows = await t.db.system((tx) =>
      tx.select().from(portalAccess).where(eq(portalAccess.accountId, before.id)),
    );
    expect(accessRows).toHaveLength(2);
  });

  it('lets the patient choose another email instead of linking the existing account', async () => {
    const first = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, first);
    const second = await invitedPatient(t, practice.practiceId, admin);
    const verified = await throughEmail(t, practice.practiceId, { ...second, email: first.email });
    expect(verified.linkExistingAccount).toBe(true);
    t.clock.advanceSeconds(60);
    const again = await registrationCall(t, 'account', accountStep(second.token, second.email));
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<RegistrationState>()).toMatchObject({
      step: 'verify_email',
      email: second.email,
      linkExistingAccount: false,
    });
    const id = (await invitationOf(t, second.patientId))?.id ?? '';
    const { code, to } = await latestCode(t, practice.practiceId, id, 'email');
    expect(to).toBe(second.email);
    const ok = await registrationCall(t, 'email/verify', { token: second.token, code });
    expect(ok.json<RegistrationState>()).toMatchObject({ step: 'verify_phone' });
  });

  it('refuses to complete when the patient already has a portal account (409, nothing changed)', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, inv);
    const owner = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, owner);
    const [ownerAccount] = await t.db.system((tx) =>
      tx.select().from(portalAccounts).where(eq(portalAccounts.email, owner.email)),
    );
    await t.db.system((tx) =>
      tx.insert(portalAccess).values({
        practiceId: practice.practiceId,
        patientId: inv.patientId,
        accountId: ownerAccount?.id ?? '',
        relationship: 'self',
        createdAt: t.clock.now(),
      }),
    );
    const res = await finishPhone(inv.token, inv.patientId, practice.practiceId);
    expect(res.statusCode).toBe(409);
    expect((await invitationOf(t, inv.patientId))?.completedAt).toBeNull();
  });
});

describe('the live password check', () => {
  const check = (payload: object) =>
    t.fastify.inject({ method: 'POST', url: '/api/portal/password-check', payload });

  it('scores and explains, with the practice name and the email taken into account', async () => {
    const weak = await check({ password: 'password' });
    expect(weak.json<PasswordCheckResult>()).toMatchObject({ acceptable: false, score: 0 });
    expect(weak.json<PasswordCheckResult>().reason).toMatch(/at least 15/);
    const strong = await check({ password: strongPassword });
    expect(strong.json<PasswordCheckResult>()).toEqual({
      score: 4,
      acceptable: true,
      reason: null,
    });
    const fromEmail = await check({
      password: 'harrietsmith-mountain-river',
      email: 'harrietsmith@example.org',
    });
    expect(fromEmail.json<PasswordCheckResult>().reason).toMatch(/email address/);
    const inv = await invitedPatient(t, practice.practiceId, admin);
    const slugWord = practice.slug.replace(/^p-/, '').replace(/-/g, '');
    const password = `${slugWord}-quiet-lantern-cello`;
    expect((await check({ password })).json<PasswordCheckResult>().acceptable).toBe(true);
    const withLink = await check({ password, token: inv.token });
    expect(withLink.json<PasswordCheckResult>()).toMatchObject({ acceptable: false });
    expect(withLink.json<PasswordCheckResult>().reason).toMatch(/practice's name/);
  });
});

describe('an expired invitation', () => {
  it('refuses the link once the invitation lifetime has passed', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    t.clock.advanceSeconds(7 * 24 * 3600);
    const body = await unusable(inv.token, 'expired');
    expect(body.message).toMatch(/expired/);
  });
});
