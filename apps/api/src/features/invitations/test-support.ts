import { and, asc, eq, like } from 'drizzle-orm';
import type { PatientDetail } from '@portico/contracts';
import type { TestApp } from '../../../test/harness.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { janeDoe, type StaffClient } from '../patients/test-support.ts';
import { invitations } from './tables.ts';

/** Test helpers of the invitations slice (tests only). */

export async function createPatient(
  client: StaffClient,
  overrides: Record<string, unknown> = {},
): Promise<PatientDetail> {
  const res = await client.post('/api/practice/patients', { ...janeDoe, ...overrides });
  if (res.statusCode !== 201) throw new Error(`patient create failed: ${res.body}`);
  return res.json<PatientDetail>();
}

export const invitationUrl = (patientId: string) =>
  `/api/practice/patients/${patientId}/invitation`;

export function invitationRows(t: TestApp, practiceId: string, patientId: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.practiceId, practiceId), eq(invitations.patientId, patientId)))
      .orderBy(asc(invitations.sentAt)),
  );
}

/** The queued invitation messages of a practice, oldest first. */
export function invitationMessages(t: TestApp, practiceId: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.practiceId, practiceId), like(outbox.reference, 'invitation:%')))
      .orderBy(asc(outbox.id)),
  );
}

/** The token of the registration link in a message text. */
export function tokenIn(text: string): string {
  const match = /\/portal\/register\/([A-Za-z0-9_-]+)/.exec(text);
  if (!match?.[1]) throw new Error('no registration link in the message');
  return match[1];
}

/** A fresh session cookie for a staff member (after the clock moved past the session timeouts). */
export function signIn(t: TestApp, email: string): Promise<string> {
  // Staff MFA is mandatory: the harness signs in with the password and the second factor.
  return t.signInStaff(email);
}
