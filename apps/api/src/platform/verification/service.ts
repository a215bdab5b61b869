import { and, eq } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { hashToken, newToken } from '../tokens.ts';
import {
  activeFailures,
  afterWrongCode,
  codeExpiry,
  codeGate,
  codeHash,
  codesMatch,
  cooldownMessage,
  expiredCodeMessage,
  generateCode,
  lockedMessage,
  noCodeMessage,
  recentSends,
  resendWaitSeconds,
  triesLeft,
  usedCodeMessage,
  wrongCodeMessage,
} from './rules.ts';
import { verificationChallenges } from './tables.ts';

/**
 * One-time codes (email, SMS, voice) inside the caller's transaction. The table is global (no
 * tenant access): call these in `db.system(...)`. One challenge per (purpose, subject); its row
 * is locked (`FOR UPDATE`) while a code is issued or checked, so concurrent requests count once.
 */
export type ChallengePurpose = (typeof verificationChallenges.$inferSelect)['purpose'];

export interface ChallengeKey {
  purpose: ChallengePurpose;
  /** The registration's invitation id, or the account id. */
  subjectId: string;
}

type Challenge = typeof verificationChallenges.$inferSelect;

async function lockChallenge(tx: Tx, key: ChallengeKey): Promise<Challenge | undefined> {
  const [row] = await tx
    .select()
    .from(verificationChallenges)
    .where(
      and(
        eq(verificationChallenges.purpose, key.purpose),
        eq(verificationChallenges.subjectId, key.subjectId),
      ),
    )
    .for('update');
  return row;
}

export interface IssuedCode {
  code: string;
  /** The one-click link's token (only when asked for `withLink`). */
  linkToken: string | null;
  /** Seconds until the next code may be asked for. */
  resendAfterSeconds: number;
}

/**
 * Issues a new code (and optionally a one-click link token) to `destination`, replacing any
 * earlier code of the same challenge but keeping its failures and send times. Throws `COOLDOWN`
 * (with retryAfterSeconds) inside 60 s of the last send or after 5 sends in an hour, and
 * `RATE_LIMITED` while the failures are used up. The caller delivers `code` (outbox).
 */
export async function issueChallenge(
  tx: Tx,
  input: ChallengeKey & { destination: string; withLink?: boolean },
  now: Date,
): Promise<IssuedCode> {
  // Creates the row if missing (concurrent first sends meet on the unique key), then locks it.
  await tx
    .insert(verificationChallenges)
    .values({
      purpose: input.purpose,
      subjectId: input.subjectId,
      destination: input.destination,
      codeHash: '',
      expiresAt: now,
      sentAt: [],
      usedAt: now,
      createdAt: now,
    })
    .onConflictDoNothing();
  const row = await lockChallenge(tx, input);
  if (!row) throw new Error('issueChallenge: challenge row missing after upsert');
  const wait = resendWaitSeconds(row.sentAt, now);
  if (wait > 0) {
    throw new AppError('COOLDOWN', cooldownMessage(wait), { retryAfterSeconds: wait });
  }
  if (triesLeft(row, now) === 0) {
    const gate = codeGate(row, now);
    const retryAfterSeconds = gate.usable || gate.reason !== 'locked' ? 1 : gate.retryAfterSeconds;
    throw new AppError('RATE_LIMITED', lockedMessage(retryAfterSeconds), { retryAfterSeconds });
  }
  const code = generateCode();
  const linkToken = input.withLink ? newToken() : null;
  const sentAt = [...recentSends(row.sentAt, now), now];
  await tx
    .update(verificationChallenges)
    .set({
      destination: input.destination,
      codeHash: codeHash(row.id, code),
      linkTokenHash: linkToken ? hashToken(linkToken) : null,
      expiresAt: codeExpiry(now),
      failedAttempts: activeFailures(row, now),
      sentAt,
      usedAt: null,
    })
    .where(eq(verificationChallenges.id, row.id));
  return { code, linkToken, resendAfterSeconds: resendWaitSeconds(sentAt, now) };
}

export type ChallengeCheck =
  { ok: true; destination: string } | { ok: false; error: AppError; failureRecorded: boolean };

/**
 * Checks a code (or the one-click link's token) and, when right, uses it up (single use).
 * Does NOT throw on a wrong code: a wrong code is recorded on the row in `tx`, and the error to
 * answer with is returned, so the caller can let the transaction COMMIT (keeping the failure)
 * and throw afterwards. Errors: `VALIDATION` (issue path `code`,
 * with the tries left; no code, expired, used), `RATE_LIMITED` (retryAfterSeconds) when the
 * tries are used up.
 */
export async function checkChallenge(
  tx: Tx,
  input: ChallengeKey & ({ code: string } | { linkToken: string }),
  now: Date,
): Promise<ChallengeCheck> {
  const row = await lockChallenge(tx, input);
  const refuse = (message: string): ChallengeCheck => ({
    ok: false,
    error: new AppError('VALIDATION', message, { issues: [{ path: 'code', message }] }),
    failureRecorded: false,
  });
  if (!row || row.sentAt.length === 0) return refuse(noCodeMessage);
  const gate = codeGate(row, now);
  if (!gate.usable) {
    switch (gate.reason) {
      case 'locked':
        return {
          ok: false,
          error: new AppError('RATE_LIMITED', lockedMessage(gate.retryAfterSeconds), {
            retryAfterSeconds: gate.retryAfterSeconds,
          }),
          failureRecorded: false,
        };
      case 'used':
        return refuse(usedCodeMessage);
      case 'expired':
        return refuse(expiredCodeMessage);
    }
  }
  const right =
    'code' in input
      ? codesMatch(row.codeHash, row.id, input.code)
      : row.linkTokenHash !== null && row.linkTokenHash === hashToken(input.linkToken);
  if (!right) {
    if (!('code' in input)) {
      // A 256-bit link token cannot be guessed: a stale link is not a try.
      return refuse('This link is no longer valid. Enter the code from the newest message.');
    }
    const next = afterWrongCode(row, now);
    await tx
      .update(verificationChallenges)
      .set({ failedAttempts: next.failedAttempts, lastFailureAt: next.lastFailureAt })
      .where(eq(verificationChallenges.id, row.id));
    const after = codeGate(next, now);
    if (!after.usable && after.reason === 'locked') {
      return {
        ok: false,
        error: new AppError('RATE_LIMITED', lockedMessage(after.retryAfterSeconds), {
          retryAfterSeconds: after.retryAfterSeconds,
        }),
        failureRecorded: true,
      };
    }
    const message = wrongCodeMessage(triesLeft(next, now));
    return {
      ok: false,
      error: new AppError('VALIDATION', message, { issues: [{ path: 'code', message }] }),
      failureRecorded: true,
    };
  }
  await tx
    .update(verificationChallenges)
    .set({ usedAt: now, failedAttempts: 0, lastFailureAt: null })
    .where(eq(verificationChallenges.id, row.id));
  return { ok: true, destination: row.destination };
}

export interface ChallengeSummary {
  destination: string;
  /** A code was sent and is neither used nor expired. */
  pending: boolean;
  resendAfterSeconds: number;
  triesLeft: number;
}

/** What a screen shows about a challenge (no lock), or null when no code was ever sent. */
export async function challengeSummary(
  tx: Tx,
  key: ChallengeKey,
  now: Date,
): Promise<ChallengeSummary | null> {
  const [row] = await tx
    .select()
    .from(verificationChallenges)
    .where(
      and(
        eq(verificationChallenges.purpose, key.purpose),
        eq(verificationChallenges.subjectId, key.subjectId),
      ),
    );
  if (!row || row.sentAt.length === 0) return null;
  return {
    destination: row.destination,
    pending: codeGate(row, now).usable,
    resendAfterSeconds: resendWaitSeconds(row.sentAt, now),
    triesLeft: triesLeft(row, now),
  };
}
