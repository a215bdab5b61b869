import { describe, expect, it } from 'vitest';
import { TOTP } from 'otpauth';
import {
  matchTotpStep,
  totpCodeAt,
  totpOtpauthUrl,
  totpStepAt,
  totpStepSeconds,
} from './totp-rules.ts';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const t0 = new Date('2026-11-21T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('TOTP (RFC 6238: SHA-1, 6 digits, 30 s)', () => {
  it('produces the same code as an authenticator app would', () => {
    const app = new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 });
    expect(totpCodeAt(secret, t0)).toBe(app.generate({ timestamp: t0.getTime() }));
    expect(totpCodeAt(secret, t0)).toMatch(/^\d{6}$/);
  });

  it('matches the RFC 6238 SHA-1 test vector', () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082 (8 digits); 6 digits: 287082.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCodeAt(rfcSecret, new Date(59_000))).toBe('287082');
  });

  it('numbers steps of 30 seconds since the epoch', () => {
    expect(totpStepSeconds).toBe(30);
    expect(totpStepAt(new Date(0))).toBe(0);
    expect(totpStepAt(new Date(29_999))).toBe(0);
    expect(totpStepAt(new Date(30_000))).toBe(1);
  });

  it('accepts the current code and returns its step', () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, t0), t0, null)).toBe(totpStepAt(t0));
  });

  it('accepts the previous and the next step (clock drift of ±1 step)', () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, at(-30)), t0, null)).toBe(totpStepAt(t0) - 1);
    expect(matchTotpStep(secret, totpCodeAt(secret, at(30)), t0, null)).toBe(totpStepAt(t0) + 1);
  });

  it('refuses a code from two steps ago or two steps ahead', () => {
    expect(matchTotpStep(secret, totpCodeAt(secret, at(-60)), t0, null)).toBeNull();
    expect(matchTotpStep(secret, totpCodeAt(secret, at(60)), t0, null)).toBeNull();
  });

  it('accepts each code once: a step not after the last accepted one is refused', () => {
    const code = totpCodeAt(secret, t0);
    const step = matchTotpStep(secret, code, t0, null);
    expect(step).not.toBeNull();
    expect(matchTotpStep(secret, code, t0, step)).toBeNull();
    // Nor the code of the step before, once a later step was accepted.
    expect(matchTotpStep(secret, totpCodeAt(secret, at(-30)), t0, step)).toBeNull();
    // The next step's code is still good.
    expect(matchTotpStep(secret, totpCodeAt(secret, at(30)), at(30), step)).toBe(
      totpStepAt(t0) + 1,
    );
  });

  it('refuses wrong, short, long and non-digit codes', () => {
    const good = totpCodeAt(secret, t0);
    const wrong = String((Number(good) + 1) % 1_000_000).padStart(6, '0');
    expect(matchTotpStep(secret, wrong, t0, null)).toBeNull();
    expect(matchTotpStep(secret, good.slice(0, 5), t0, null)).toBeNull();
    expect(matchTotpStep(secret, `${good}0`, t0, null)).toBeNull();
    expect(matchTotpStep(secret, 'abcdef', t0, null)).toBeNull();
    expect(matchTotpStep(secret, '', t0, null)).toBeNull();
  });

  it('tolerates spaces in a typed code', () => {
    const good = totpCodeAt(secret, t0);
    expect(matchTotpStep(secret, ` ${good.slice(0, 3)} ${good.slice(3)} `, t0, null)).toBe(
      totpStepAt(t0),
    );
  });

  it('builds the otpauth URL an authenticator app scans', () => {
    const url = totpOtpauthUrl(secret, 'dana@lakeside.example');
    expect(url.startsWith('otpauth://totp/Portico:dana%40lakeside.example?')).toBe(true);
    const params = new URL(url).searchParams;
    expect(params.get('issuer')).toBe('Portico');
    expect(params.get('secret')).toBe(secret);
    expect(params.get('algorithm')).toBe('SHA1');
    expect(params.get('digits')).toBe('6');
    expect(params.get('period')).toBe('30');
  });
});
