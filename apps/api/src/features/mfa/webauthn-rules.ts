/** WebAuthn challenges live 5 minutes and are used once. */
export const webauthnChallengeMinutes = 5;

export interface RelyingParty {
  rpID: string;
  origin: string;
  rpName: string;
}

/** The relying party is where Portico is served: rpID = its hostname, origin = its origin. */
export function relyingPartyOf(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { rpID: url.hostname, origin: url.origin, rpName: 'Portico' };
}

export function challengeExpiresAt(now: Date): Date {
  return new Date(now.getTime() + webauthnChallengeMinutes * 60_000);
}

export function challengeUsable(c: { expiresAt: Date; usedAt: Date | null }, now: Date): boolean {
  return c.usedAt === null && now < c.expiresAt;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The challenge the browser signed (from `response.clientDataJSON`), or null when malformed. */
export function challengeOfResponse(credential: Record<string, unknown>): string | null {
  const inner = credential.response;
  if (!isRecord(inner) || typeof inner.clientDataJSON !== 'string') return null;
  try {
    const data: unknown = JSON.parse(
      Buffer.from(inner.clientDataJSON, 'base64url').toString('utf8'),
    );
    return isRecord(data) && typeof data.challenge === 'string' ? data.challenge : null;
  } catch {
    return null;
  }
}
