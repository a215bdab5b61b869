import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { ErrorBody, InvitationStatus, RegistrationState } from '@portico/contracts';
import { createTestApp, type TestApp, type TestPractice } from '../../../test/harness.ts';
import { hashToken } from '../../platform/tokens.ts';
import { auditRows, staffClient, type StaffClient } from '../patients/test-support.ts';
import { invitationUrl } from '../invitations/test-support.ts';
import { portalAccess, portalAccounts, portalSessions } from '../portal-accounts/tables.ts';
import {
  accountStep,
  invitationOf,
  invitedPatient,
  latestCode,
  registrationCall,
  registrationRow,
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

const staffStatus = async (patientId: string) =>
  (await admin.get(invitationUrl(patientId))).json<InvitationStatus>();

describe('registration from an invitation link', () => {
  it('walks step 1 → email code → phone code → complete, signed in, and the link dies', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    const invitation = await invitationOf(t, inv.patientId);
    const invitationId = invitation?.id ?? '';

    const lookup = await registrationCall(t, 'status', { token: inv.token });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json<RegistrationState>()).toEqual({
      practice: { name: `Test Practice ${practice.slug}`, slug: practice.slug },
      firstName: 'Jane',
      step: 'create_account',
      email: inv.email,
      linkExistingAccount: false,
      phoneOnFile: '••• ••• ••33',
      phoneCodeSentTo: null,
      resendAfterSeconds: 0,
      dateOfBirthTriesLeft: 5,
      expiresAt: invitation?.expiresAt.toISOString(),
    });
    expect(lookup.body).not.toContain('Doe');
    expect(lookup.body).not.toContain('1980');
    expect((await staffStatus(inv.patientId)).status).toBe('opened');

    const step1 = await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    expect(step1.statusCode, step1.body).toBe(200);
    expect(step1.json<RegistrationState>()).toMatchObject({
      step: 'verify_email',
      email: inv.email,
      resendAfterSeconds: 60,
    });
    const staff = await staffStatus(inv.patientId);
    expect(staff.status).toBe('registering');
    expect(staff.current?.registrationStep).toBe(2);
    const row = await registrationRow(t, invitationId);
    expect(row?.pendingPasswordHash).toMatch(/^\$argon2id\$/);
    expect(row?.pendingPasswordHash).not.toContain(strongPassword);

    const email = await latestCode(t, practice.practiceId, invitationId, 'email');
    expect(email.to).toBe(inv.email);
    expect(email.text).toContain(`Your verification code is ${email.code}.`);
    expect(email.text).toContain(
      `http://portico.test/portal/register/${inv.token}?verify=${email.linkToken ?? ''}`,
    );
    expect(email.text).not.toMatch(/Jane|Doe|1980/);

    const step2 = await registrationCall(t, 'email/verify', { token: inv.token, code: email.code });
    expect(step2.statusCode, step2.body).toBe(200);
    expect(step2.json<RegistrationState>()).toMatchObject({
      step: 'verify_phone',
      linkExistingAccount: false,
      phoneCodeSentTo: null,
    });
    expect((await staffStatus(inv.patientId)).current?.registrationStep).toBe(3);

    const send = await registrationCall(t, 'phone/send', { token: inv.token, channel: 'sms' });
    expect(send.statusCode, send.body).toBe(200);
    expect(send.json<RegistrationState>()).toMatchObject({
      phoneCodeSentTo: '••• ••• ••33',
      resendAfterSeconds: 60,
    });
    const sms = await latestCode(t, practice.practiceId, invitationId, 'sms');
    expect(sms.to).toBe('(555) 201-4433');
    expect(sms.text).toBe(`Your Portico code is ${sms.code}. It expires in 10 minutes.`);

    const done = await registrationCall(t, 'phone/verify', { token: inv.token, code: sms.code });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<RegistrationState>().step).toBe('complete');
    const setCookie = String(done.headers['set-cookie']);
    expect(setCookie).toMatch(/^portico_portal=[A-Za-z0-9_-]+;.*HttpOnly/);
    const sessionToken = /^portico_portal=([^;]+)/.exec(setCookie)?.[1] ?? '';

    const [account] = await t.db.system((tx) =>
      tx.select().from(portalAccounts).where(eq(portalAccounts.email, inv.email)),
    );
    expect(account).toMatchObject({ phone: '(555) 201-4433' });
    expect(account?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(account?.phoneVerifiedAt).toBeInstanceOf(Date);
    expect(account?.termsAcceptedAt).toBeInstanceOf(Date);
    expect(account?.passwordHash).toBe(row?.pendingPasswordHash);
    const access = await t.db.system((tx) =>
      tx.select().from(portalAccess).where(eq(portalAccess.patientId, inv.patientId)),
    );
    expect(access).toEqual([
      expect.objectContaining({ accountId: account?.id, relationship: 'self' }),
    ]);
    const [session] = await t.db.system((tx) =>
      tx
        .select()
        .from(portalSessions)
        .where(eq(portalSessions.tokenHash, hashToken(sessionToken))),
    );
    expect(session).toMatchObject({
      accountId: account?.id,
      practiceId: practice.practiceId,
      patientId: inv.patientId,
      signInMethod: 'registration',
      mfaPending: false,
    });
    expect((await staffStatus(inv.patientId)).status).toBe('registered');
    const audit = await auditRows(t, practice.practiceId, 'registration.complete');
    expect(audit.filter((a) => a.patientId === inv.patientId)).toHaveLength(1);

    // The link is dead now.
    const reused = await registrationCall(t, 'status', { token: inv.token });
    expect(reused.statusCode).toBe(410);
    expect(reused.json<ErrorBody>()).toMatchObject({ code: 'LINK_UNUSABLE', reason: 'used' });
    const again = await registrationCall(t, 'phone/verify', { token: inv.token, code: sms.code });
    expect(again.json<ErrorBody>()).toMatchObject({ code: 'LINK_UNUSABLE', reason: 'used' });
  });

  it('confirms the email with the one-click link instead of the code', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    const { linkToken } = await latestCode(t, practice.practiceId, id, 'email');
    const res = await registrationCall(t, 'email/verify', { token: inv.token, linkToken });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<RegistrationState>().step).toBe('verify_phone');
  });

  it('resumes at the first incomplete step from another device', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    // "Another device": nothing but the link.
    const resumed = await registrationCall(t, 'status', { token: inv.token });
    expect(resumed.json<RegistrationState>()).toMatchObject({
      step: 'verify_email',
      email: inv.email,
    });
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    const { code } = await latestCode(t, practice.practiceId, id, 'email');
    await registrationCall(t, 'email/verify', { token: inv.token, code });
    const later = await registrationCall(t, 'status', { token: inv.token });
    expect(later.json<RegistrationState>().step).toBe('verify_phone');
  });

  it('refuses steps out of order with 409 and changes nothing', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    for (const [path, body] of [
      ['email/verify', { code: '123456' }],
      ['email/resend', {}],
      ['link-account', { password: strongPassword }],
      ['phone/send', { channel: 'sms' }],
      ['phone/verify', { code: '123456' }],
    ] as const) {
      const res = await registrationCall(t, path, { token: inv.token, ...body });
      expect(res.statusCode, `${path} ${res.body}`).toBe(409);
      expect(res.json<ErrorBody>().message).toMatch(/isn't available yet/);
    }
    expect(await registrationRow(t, id)).toBeUndefined();
    // After the account step, step 1 may be repeated but phone steps are still early.
    await throughEmail(t, practice.practiceId, inv);
    const repeat = await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    expect(repeat.statusCode).toBe(409);
    expect(repeat.json<ErrorBody>().message).toMatch(/already done/);
  });

  it('answers step 1 identically for an email with and without an account (no enumeration)', async () => {
    const first = await invitedPatient(t, practice.practiceId, admin);
    await throughEmail(t, practice.practiceId, first);
    const known = await invitedPatient(t, practice.practiceId, admin);
    const unknown = await invitedPatient(t, practice.practiceId, admin);
    const a = await registrationCall(t, 'account', accountStep(known.token, first.email));
    const b = await registrationCall(t, 'account', accountStep(unknown.token, unknown.email));
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    const strip = (s: RegistrationState) => ({ ...s, email: null, expiresAt: null });
    expect(strip(a.json<RegistrationState>())).toEqual(strip(b.json<RegistrationState>()));
    expect(Object.keys(a.json<object>())).toEqual(Object.keys(b.json<object>()));
    // Both got a code by email.
    const knownId = (await invitationOf(t, known.patientId))?.id ?? '';
    expect((await latestCode(t, practice.practiceId, knownId, 'email')).to).toBe(first.email);
  });

  it('documents the endpoints in the OpenAPI description', async () => {
    const res = await t.fastify.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    for (const path of ['status', 'account', 'email/verify', 'link-account', 'phone/verify'])
      expect(paths).toContain(`/api/portal/registration/${path}`);
    expect(paths).toContain('/api/portal/password-check');
  });

  it('has no portal session after step 1 (patient endpoints answer 401)', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    const res = await registrationCall(t, 'account', accountStep(inv.token, inv.email));
    expect(res.headers['set-cookie']).toBeUndefined();
    const me = await t.fastify.inject({ method: 'GET', url: '/api/portal/auth/me' });
    expect(me.statusCode).toBe(401);
    const sessions = await t.db.system((tx) =>
      tx
        .select()
        .from(portalSessions)
        .where(and(eq(portalSessions.patientId, inv.patientId))),
    );
    expect(sessions).toHaveLength(0);
  });

  it('refuses a password against the policy with the reason, and unaccepted terms', async () => {
    const inv = await invitedPatient(t, practice.practiceId, admin);
    const short = await registrationCall(
      t,
      'account',
      accountStep(inv.token, inv.email, { password: 'short' }),
    );
    expect(short.statusCode).toBe(400);
    expect(short.json<ErrorBody>().issues?.[0]).toMatchObject({ path: 'password' });
    expect(short.json<ErrorBody>().message).toMatch(/at least 15 characters/);
    const practiceName = await registrationCall(
      t,
      'account',
      accountStep(inv.token, inv.email, { password: `${practice.slug}-practice-horse-battery` }),
    );
    expect(practiceName.json<ErrorBody>().message).toMatch(/practice's name/);
    const terms = await registrationCall(
      t,
      'account',
      accountStep(inv.token, inv.email, { acceptTerms: false }),
    );
    expect(terms.statusCode).toBe(400);
    const id = (await invitationOf(t, inv.patientId))?.id ?? '';
    expect(await registrationRow(t, id)).toBeUndefined();
  });
});
