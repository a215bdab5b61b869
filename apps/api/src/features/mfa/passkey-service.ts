import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { FactorAddedResult } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import type { MfaSubjectType } from './queries.ts';
import { mfaFactors, webauthnChallenges } from './tables.ts';
import {
  deleteFactor,
  dropRecoveryCodesIfNoFactor,
  factorById,
  factorsOf,
  lockSubject,
  recoveryCodesLeft,
  replaceRecoveryCodes,
  type SubjectRef,
} from './factor-store.ts';
import { challengeExpiresAt, challengeOfResponse, relyingPartyOf } from './webauthn-rules.ts';

type Purpose = (typeof webauthnChallenges.$inferSelect)['purpose'];

const expiredChallenge = () =>
  new AppError('VALIDATION', 'This passkey request has expired or was already used. Try again.');
const notVerified = () =>
  new AppError('VALIDATION', 'The passkey could not be verified. Try again.');

export interface PasskeyDeps {
  db: Database;
  clock: Clock;
  publicUrl: string;
}

/** Passkeys (WebAuthn) of staff users and portal accounts: registration, removal, sign-in. */
export function createPasskeyService({ db, clock, publicUrl }: PasskeyDeps) {
  const rp = relyingPartyOf(publicUrl);

  async function storeChallenge(
    tx: Tx,
    challenge: string,
    purpose: Purpose,
    subjectType: MfaSubjectType,
    subjectId: string | null,
    now: Date,
  ) {
    await tx.insert(webauthnChallenges).values({
      challenge,
      purpose,
      subjectType,
      subjectId,
      expiresAt: challengeExpiresAt(now),
    });
  }

  /**
   * Uses up the challenge the response signed, in its own committed transaction: a response that
   * then fails verification cannot be replayed either. Null subject: a passwordless sign-in.
   */
  async function consumeChallenge(
    credential: Record<string, unknown>,
    purpose: Purpose,
    subjectType: MfaSubjectType,
    subjectId: string | null,
    now: Date,
  ): Promise<string> {
    const challenge = challengeOfResponse(credential);
    if (!challenge) throw notVerified();
    const used = await db.system((tx) =>
      tx
        .update(webauthnChallenges)
        .set({ usedAt: now })
        .where(
          and(
            eq(webauthnChallenges.challenge, challenge),
            eq(webauthnChallenges.purpose, purpose),
            eq(webauthnChallenges.subjectType, subjectType),
            subjectId === null
              ? isNull(webauthnChallenges.subjectId)
              : eq(webauthnChallenges.subjectId, subjectId),
            isNull(webauthnChallenges.usedAt),
            gt(webauthnChallenges.expiresAt, now),
          ),
        )
        .returning({ id: webauthnChallenges.id }),
    );
    if (used.length === 0) throw expiredChallenge();
    return challenge;
  }

  return {
    /** Creation options for a new passkey of `s` (its existing passkeys are excluded). */
    async registrationOptions(
      s: SubjectRef,
      user: { name: string; displayName: string },
    ): Promise<Record<string, unknown>> {
      const now = clock.now();
      return db.system(async (tx) => {
        const existing = (await factorsOf(tx, s)).filter(
          (f) => f.kind === 'passkey' && f.credentialId,
        );
        const options = await generateRegistrationOptions({
          rpName: rp.rpName,
          rpID: rp.rpID,
          userName: user.name,
          userDisplayName: user.displayName,
          userID: new TextEncoder().encode(s.id),
          attestationType: 'none',
          excludeCredentials: existing.map((f) => ({
            id: f.credentialId ?? '',
            transports: (f.transports ?? []) as AuthenticatorTransport[],
          })),
          authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
        });
        await storeChallenge(tx, options.challenge, 'register', s.type, s.id, now);
        return { ...options };
      });
    },

    /** Verifies the browser's attestation and stores the passkey (with recovery codes if it is the first factor). */
    async register(
      s: SubjectRef,
      credential: Record<string, unknown>,
      label: string,
      actor: AuditActor,
    ): Promise<FactorAddedResult> {
      const now = clock.now();
      const challenge = await consumeChallenge(credential, 'register', s.type, s.id, now);
      let verified;
      try {
        verified = await verifyRegistrationResponse({
          response: credential as unknown as RegistrationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: true,
        });
      } catch {
        throw notVerified();
      }
      if (!verified.verified) throw notVerified();
      const { credential: key } = verified.registrationInfo;
      return db.system(async (tx) => {
        // One factor change of a subject at a time (the recovery codes of a first factor).
        await lockSubject(tx, s);
        const [taken] = await tx
          .select({ id: mfaFactors.id })
          .from(mfaFactors)
          .where(eq(mfaFactors.credentialId, key.id));
        if (taken) throw new AppError('CONFLICT', 'This passkey is already registered.');
        const [row] = await tx
          .insert(mfaFactors)
          .values({
            subjectType: s.type,
            subjectId: s.id,
            kind: 'passkey',
            label,
            credentialId: key.id,
            publicKey: Buffer.from(key.publicKey).toString('base64url'),
            signCount: key.counter,
            transports: key.transports ?? [],
            confirmedAt: now,
            createdAt: now,
          })
          .returning({ id: mfaFactors.id });
        if (!row) throw new Error('factor insert returned nothing');
        const recoveryCodes =
          (await recoveryCodesLeft(tx, s)) > 0 ? null : await replaceRecoveryCodes(tx, s, now);
        await writeAudit(tx, actor, now, {
          action: 'mfa.passkey_added',
          entityType: 'mfa_factor',
          entityId: row.id,
        });
        return { factorId: row.id, recoveryCodes };
      });
    },

    /** Removes one passkey of `s`; another subject's passkey is NOT_FOUND. */
    async remove(s: SubjectRef, factorId: string, actor: AuditActor): Promise<void> {
      const now = clock.now();
      await db.system((tx) => removePasskeyIn(tx, s, factorId, actor, now));
    },

    /**
     * Request options. With no subject: a passwordless sign-in (no account named, so nothing is
     * enumerable). With one: the second factor of that signed-in subject (its passkeys allowed).
     */
    async signInOptions(
      subjectType: MfaSubjectType,
      subjectId: string | null = null,
    ): Promise<Record<string, unknown>> {
      const now = clock.now();
      const allowed = subjectId
        ? (await db.system((tx) => factorsOf(tx, { type: subjectType, id: subjectId }))).filter(
            (f) => f.kind === 'passkey' && f.confirmedAt && f.credentialId,
          )
        : [];
      const options = await generateAuthenticationOptions({
        rpID: rp.rpID,
        userVerification: 'required',
        ...(subjectId
          ? {
              allowCredentials: allowed.map((f) => ({
                id: f.credentialId ?? '',
                transports: (f.transports ?? []) as AuthenticatorTransport[],
              })),
            }
          : {}),
      });
      await db.system((tx) =>
        storeChallenge(tx, options.challenge, 'authenticate', subjectType, subjectId, now),
      );
      return { ...options };
    },

    /** Verifies a passkey assertion; answers whose passkey it is. The counter and last use are recorded. */
    async verifySignIn(
      subjectType: MfaSubjectType,
      credential: Record<string, unknown>,
      subjectId: string | null = null,
    ): Promise<{ subjectId: string; factorId: string }> {
      const now = clock.now();
      const challenge = await consumeChallenge(
        credential,
        'authenticate',
        subjectType,
        subjectId,
        now,
      );
      const unknown = () =>
        new AppError(
          'UNAUTHENTICATED',
          'This passkey is not registered with Portico. Sign in with your email and password.',
        );
      const credentialId = typeof credential.id === 'string' ? credential.id : null;
      if (!credentialId) throw unknown();
      const [factor] = await db.system((tx) =>
        tx
          .select()
          .from(mfaFactors)
          .where(
            and(
              eq(mfaFactors.credentialId, credentialId),
              eq(mfaFactors.subjectType, subjectType),
              subjectId === null ? undefined : eq(mfaFactors.subjectId, subjectId),
              eq(mfaFactors.kind, 'passkey'),
              isNotNull(mfaFactors.confirmedAt),
            ),
          ),
      );
      if (!factor?.publicKey) throw unknown();
      let verified;
      try {
        verified = await verifyAuthenticationResponse({
          response: credential as unknown as AuthenticationResponseJSON,
          expectedChallenge: challenge,
          expectedOrigin: rp.origin,
          expectedRPID: rp.rpID,
          requireUserVerification: true,
          credential: {
            id: credentialId,
            publicKey: new Uint8Array(Buffer.from(factor.publicKey, 'base64url')),
            counter: factor.signCount ?? 0,
            transports: factor.transports ?? [],
          },
        });
      } catch {
        throw notVerified();
      }
      if (!verified.verified) throw notVerified();
      await db.system((tx) =>
        tx
          .update(mfaFactors)
          .set({ signCount: verified.authenticationInfo.newCounter, lastUsedAt: now })
          .where(eq(mfaFactors.id, factor.id)),
      );
      return { subjectId: factor.subjectId, factorId: factor.id };
    },
  };
}

export type PasskeyService = ReturnType<typeof createPasskeyService>;

/** Removes one passkey of `s` in the caller's transaction; another subject's passkey is NOT_FOUND. */
export async function removePasskeyIn(
  tx: Tx,
  s: SubjectRef,
  factorId: string,
  actor: AuditActor,
  now: Date,
): Promise<void> {
  const factor = await factorById(tx, s, factorId);
  if (!factor || factor.kind !== 'passkey' || !(await deleteFactor(tx, s, factorId))) {
    throw new AppError('NOT_FOUND', 'This passkey was not found.');
  }
  await dropRecoveryCodesIfNoFactor(tx, s);
  await writeAudit(tx, actor, now, {
    action: 'mfa.passkey_removed',
    entityType: 'mfa_factor',
    entityId: factorId,
  });
}
