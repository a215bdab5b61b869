import { describe, expect, it } from 'vitest';
import {
  challengeExpiresAt,
  challengeOfResponse,
  challengeUsable,
  relyingPartyOf,
  webauthnChallengeMinutes,
} from './webauthn-rules.ts';

const t0 = new Date('2026-11-21T10:00:00Z');
const clientData = (value: unknown) =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

describe('relying party', () => {
  it('is the public URL: its hostname as rpID, its origin as the expected origin', () => {
    expect(relyingPartyOf('https://portal.lakeside.example/some/path')).toEqual({
      rpID: 'portal.lakeside.example',
      origin: 'https://portal.lakeside.example',
      rpName: 'Portico',
    });
    expect(relyingPartyOf('http://localhost:3000')).toMatchObject({
      rpID: 'localhost',
      origin: 'http://localhost:3000',
    });
  });
});

describe('challenges (5 minutes, single use)', () => {
  it('expire after 5 minutes', () => {
    expect(webauthnChallengeMinutes).toBe(5);
    const expiresAt = challengeExpiresAt(t0);
    expect(expiresAt.getTime() - t0.getTime()).toBe(5 * 60_000);
    expect(challengeUsable({ expiresAt, usedAt: null }, new Date(t0.getTime() + 299_000))).toBe(
      true,
    );
    expect(challengeUsable({ expiresAt, usedAt: null }, expiresAt)).toBe(false);
  });

  it('are used once', () => {
    expect(challengeUsable({ expiresAt: challengeExpiresAt(t0), usedAt: t0 }, t0)).toBe(false);
  });

  it('are read from the response the browser signed', () => {
    const response = {
      response: { clientDataJSON: clientData({ type: 'webauthn.get', challenge: 'abc_-1' }) },
    };
    expect(challengeOfResponse(response)).toBe('abc_-1');
  });

  it('give null for anything malformed', () => {
    expect(challengeOfResponse({})).toBeNull();
    expect(challengeOfResponse({ response: 'x' })).toBeNull();
    expect(challengeOfResponse({ response: { clientDataJSON: 'not json' } })).toBeNull();
    expect(
      challengeOfResponse({ response: { clientDataJSON: clientData({ challenge: 5 }) } }),
    ).toBeNull();
    expect(challengeOfResponse({ response: { clientDataJSON: clientData(['x']) } })).toBeNull();
  });
});
