import { randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { RegistrationState } from '@portico/contracts';
import { expect } from 'vitest';
import type { TestApp } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import type { StaffClient } from '../patients/test-support.ts';
import {
  createPatient,
  invitationMessages,
  invitationUrl,
  tokenIn,
} from '../invitations/test-support.ts';
import { invitations } from '../invitations/tables.ts';
import { registrations } from './tables.ts';

/** Test helpers of the registration slice (tests only). */

export const strongPassword = 'amber-lantern-quietly-87-orbit';
export const dob = '1980-04-12';

export const uniqueEmail = (label = 'pat') => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** A different address for every call, so the per-IP limit of 60/min does not interfere. */
const randomIp = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`;

/** POST /api/portal/registration/<path> as an anonymous link holder. */
export function registrationCall(t: TestApp, path: string, payload: object, cookie?: string) {
  return t.fastify.inject({
    method: 'POST',
    url: `/api/portal/registration/${path}`,
    payload: payload as Record<string, unknown>,
    remoteAddress: randomIp(),
    ...(cookie ? { headers: { cookie } } : {}),
  });
}

/** Creates a patient (a fresh email) and sends an email+SMS invitation; returns the link's token. */
export async function invitedPatient(
  t: TestApp,
  practiceId: string,
  admin: StaffClient,
  overrides: Record<string, unknown> = {},
): Promise<{ patientId: string; token: string; email: string }> {
  const email = uniqueEmail();
  const patient = await createPatient(admin, { email, ...overrides });
  const token = await invite(t, practiceId, admin, patient.id);
  return { patientId: patient.id, token, email };
}

/** Sends (another) invitation to a patient and returns its token. */
export async function invite(
  t: TestApp,
  practiceId: string,
  admin: StaffClient,
  patientId: string,
): Promise<string> {
  const sent = await admin.post(invitationUrl(patientId), { channels: ['email'] });
  expect(sent.statusCode, sent.body).toBe(201);
  const last = (await invitationMessages(t, practiceId)).at(-1);
  return tokenIn(last?.payload.text ?? '');
}

export async function invitationOf(t: TestApp, patientId: string) {
  const [row] = await t.db.system((tx) =>
    tx
      .select()
      .from(invitations)
      .where(eq(invitations.patientId, patientId))
      .orderBy(desc(invitations.sentAt))
      .limit(1),
  );
  return row;
}

export async function registrationRow(t: TestApp, invitationId: string) {
  const [row] = await t.db.system((tx) =>
    tx.select().from(registrations).where(eq(registrations.invitationId, invitationId)),
  );
  return row;
}

/** The messages queued for a registration, newest first. */
export async function registrationMessages(t: TestApp, practiceId: string, invitationId: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.practiceId, practiceId),
          eq(outbox.reference, `registration:${invitationId}`),
        ),
      )
      .orderBy(desc(outbox.id)),
  );
}

/** The newest code (and one-click token, for an email) sent for a registration. */
export async function latestCode(
  t: TestApp,
  practiceId: string,
  invitationId: string,
  channel: 'email' | 'sms',
): Promise<{ code: string; linkToken: string | null; to: string; text: string }> {
  const message = (await registrationMessages(t, practiceId, invitationId)).find(
    (m) => m.channel === channel,
  );
  if (!message) throw new Error(`no ${channel} message`);
  const text = message.payload.text;
  const code = /code is ((?:\d ?){6})/.exec(text)?.[1]?.replace(/ /g, '');
  if (!code) throw new Error('no code in the message');
  return {
    code,
    linkToken: /\?verify=([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null,
    to: message.payload.to,
    text,
  };
}

export const accountStep = (token: string, email: string, extra: object = {}) => ({
  token,
  email,
  dateOfBirth: dob,
  password: strongPassword,
  acceptTerms: true,
  ...extra,
});

/** Runs step 1 and the email code; returns the state (verify_phone for a new account). */
export async function throughEmail(
  t: TestApp,
  practiceId: string,
  invitation: { patientId: string; token: string; email: string },
): Promise<RegistrationState> {
  const res = await registrationCall(t, 'account', accountStep(invitation.token, invitation.email));
  expect(res.statusCode, res.body).toBe(200);
  const inv = await invitationOf(t, invitation.patientId);
  const { code } = await latestCode(t, practiceId, inv?.id ?? '', 'email');
  const verified = await registrationCall(t, 'email/verify', { token: invitation.token, code });
  expect(verified.statusCode, verified.body).toBe(200);
  return verified.json<RegistrationState>();
}

export const wrongCode = (code: string) => (code === '000000' ? '999999' : '000000');
