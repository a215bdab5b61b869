import { and, desc, eq } from 'drizzle-orm';
import type { TestApp } from '../../../test/harness.ts';
import { systemMeta } from '../../platform/auth/context.ts';
import { portalCookieName } from '../../platform/http/portal-guard.ts';
import { outbox } from '../../platform/outbox/tables.ts';
import { auditEvents } from '../../platform/audit/tables.ts';
import { openPortalSession } from '../portal-accounts/sessions.ts';
import { portalClient } from '../portal-accounts/test-support.ts';
import type { RegisteredPatient } from '../portal-accounts/test-support.ts';
import { mfaFactors } from './tables.ts';
import { totpCodeAt } from './totp-rules.ts';

/** Test helpers of the MFA slice (tests only). */

/**
 * A portal session for `patient` opened straight in the database (as a sign-in would), at the
 * test clock's now; `mfaPending` for one still waiting for its second factor. Returns a client.
 */
export async function portalSessionOf(
  t: TestApp,
  patient: RegisteredPatient,
  options: { mfaPending?: boolean } = {},
) {
  const { token } = await t.db.system((tx) =>
    openPortalSession(
      tx,
      {
        accountId: patient.accountId,
        practiceId: patient.practiceId,
        patientId: patient.patientId,
        method: 'password',
        mfaPending: options.mfaPending ?? false,
        meta: systemMeta,
      },
      t.clock.now(),
    ),
  );
  const cookie = `${portalCookieName(false)}=${token}`;
  return { cookie, ...portalClient(t, cookie) };
}

export type PortalTestClient = Awaited<ReturnType<typeof portalSessionOf>>;

/** Sets up an authenticator app through the API; returns its secret and the recovery codes. */
export async function enrollTotp(
  t: TestApp,
  client: PortalTestClient,
): Promise<{ secret: string; codes: string[]; factorId: string }> {
  const start = await client.post('/api/portal/mfa/totp');
  if (start.statusCode !== 200) throw new Error(`totp start: ${start.statusCode} ${start.body}`);
  const { factorId, secret } = start.json<{ factorId: string; secret: string }>();
  const confirm = await client.post('/api/portal/mfa/totp/confirm', {
    factorId,
    code: totpCodeAt(secret, t.clock.now()),
  });
  if (confirm.statusCode !== 200) {
    throw new Error(`totp confirm: ${confirm.statusCode} ${confirm.body}`);
  }
  return { secret, codes: confirm.json<{ codes: string[] }>().codes, factorId };
}

/** The factors of a portal account, as stored. */
export function factorRows(t: TestApp, accountId: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(mfaFactors)
      .where(and(eq(mfaFactors.subjectType, 'portal'), eq(mfaFactors.subjectId, accountId))),
  );
}

/** The 6-digit code of the newest text message to `phone` in the outbox. */
export async function lastSmsCode(t: TestApp, phone: string): Promise<string> {
  const rows = await t.db.system((tx) =>
    tx.select().from(outbox).where(eq(outbox.channel, 'sms')).orderBy(desc(outbox.id)),
  );
  const row = rows.find((r) => r.payload.to === phone);
  const code = row?.payload.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('no SMS code found');
  return code;
}

/** Audit events written by a portal account (ids and counts only). */
export function accountAudit(t: TestApp, accountId: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.actorType, 'portal_account'), eq(auditEvents.actorId, accountId)))
      .orderBy(auditEvents.occurredAt),
  );
}
