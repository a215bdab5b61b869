import { eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/database.ts';
import { afterFailedSignIn } from '../../platform/auth/sign-in-rules.ts';
import { portalAccounts } from './tables.ts';

// Failures of an email with no portal account reuse the staff slice's generic bucket helpers
// (`readUnknownEmailFailures` / `recordUnknownEmailFailure`, keyed by `portalSignInFailureKey`).
export {
  readUnknownEmailFailures,
  recordUnknownEmailFailure,
} from '../staff-auth/sign-in-failures.ts';

/**
 * One more failure on a real portal account (POLICY.md: 10 in a row lock 15 minutes, 100 disable
 * the password). The row is locked first so concurrent failures count one after another. The same
 * shape of work as the unknown-email path (one transaction: a locking read, one write).
 */
export async function recordPortalAccountFailure(
  db: Database,
  accountId: string,
  now: Date,
): Promise<void> {
  await db.system(async (tx) => {
    const [row] = await tx
      .select({
        failedSignIns: portalAccounts.failedSignIns,
        lockedUntil: portalAccounts.lockedUntil,
        passwordDisabled: portalAccounts.passwordDisabled,
      })
      .from(portalAccounts)
      .where(eq(portalAccounts.id, accountId))
      .for('update');
    if (!row) return;
    await tx
      .update(portalAccounts)
      .set(afterFailedSignIn(row, now))
      .where(eq(portalAccounts.id, accountId));
  });
}
