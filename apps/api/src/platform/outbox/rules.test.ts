import { describe, expect, it } from 'vitest';
import { DrizzleQueryError } from 'drizzle-orm';
import {
  afterFailure,
  bucketSweepCutoff,
  bucketSweepDue,
  failureMessage,
  jobRetryPolicy,
  lockedUntil,
  outboxRetryPolicy,
  retryDelaySeconds,
} from './rules.ts';

const now = new Date('2026-11-21T15:00:00.000Z');

describe('retryDelaySeconds', () => {
  it('doubles from 30 seconds: 30, 60, 120, 240 …', () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, outboxRetryPolicy))).toEqual([
      30, 60, 120, 240, 480,
    ]);
  });

  it('is capped at one hour', () => {
    expect(retryDelaySeconds(8, outboxRetryPolicy)).toBe(3600);
    expect(retryDelaySeconds(50, outboxRetryPolicy)).toBe(3600);
  });

  it('treats attempts below 1 as the first attempt', () => {
    expect(retryDelaySeconds(0, outboxRetryPolicy)).toBe(30);
  });
});

describe('afterFailure', () => {
  it('schedules a retry after the backoff while attempts remain', () => {
    expect(afterFailure(1, now, outboxRetryPolicy)).toEqual({
      kind: 'retry',
      nextAttemptAt: new Date('2026-11-21T15:00:30.000Z'),
    });
    // 30 s × 2^6 = 32 minutes before the eighth and last attempt.
    expect(afterFailure(7, now, outboxRetryPolicy)).toEqual({
      kind: 'retry',
      nextAttemptAt: new Date('2026-11-21T15:32:00.000Z'),
    });
  });

  it('gives up after 8 attempts for messages and 5 for jobs', () => {
    expect(afterFailure(8, now, outboxRetryPolicy)).toEqual({ kind: 'dead' });
    expect(afterFailure(4, now, jobRetryPolicy).kind).toBe('retry');
    expect(afterFailure(5, now, jobRetryPolicy)).toEqual({ kind: 'dead' });
  });
});

describe('lockedUntil', () => {
  it('holds a claim for 60 seconds', () => {
    expect(lockedUntil(now)).toEqual(new Date('2026-11-21T15:01:00.000Z'));
  });
});

describe('failureMessage', () => {
  it('keeps the message of an error', () => {
    expect(failureMessage(new Error('connect ECONNREFUSED 127.0.0.1:2525'))).toBe(
      'connect ECONNREFUSED 127.0.0.1:2525',
    );
  });

  it('removes email addresses and phone numbers a server may echo', () => {
    const message = failureMessage(
      new Error('550 5.1.1 <jane.doe+x@example.org>: Recipient rejected; sms to +1 (555) 010-2233'),
    );
    expect(message).not.toMatch(/jane|example\.org|555|2233/);
    expect(message).toContain('[address]');
    expect(message).toContain('[number]');
  });

  it('keeps ports and status codes', () => {
    expect(failureMessage(new Error('SMS provider answered HTTP 500'))).toBe(
      'SMS provider answered HTTP 500',
    );
  });

  it('truncates long messages and describes non-errors without their content', () => {
    expect(failureMessage(new Error('x'.repeat(2000))).length).toBeLessThanOrEqual(500);
    expect(failureMessage('secret body text')).toBe('Unknown failure');
  });

  it("keeps a failed query's SQLSTATE and database message, never its SQL or parameters", () => {
    const cause = Object.assign(
      new Error('duplicate key value violates unique constraint "patients_practice_mrn_key"'),
      { code: '23505', detail: 'Key (practice_id, mrn)=(x, JANE-1980) already exists.' },
    );
    const error = new DrizzleQueryError(
      'insert into "patients" ("first_name", "date_of_birth") values ($1, $2)',
      ['Jane', '1980-02-03'],
      cause,
    );
    const message = failureMessage(error);
    expect(message).toBe(
      'duplicate key value violates unique constraint "patients_practice_mrn_key" (SQLSTATE 23505)',
    );
    expect(failureMessage(new Error('Failed query: select $1\nparams: Jane'))).toBe(
      'Database query failed',
    );
  });
});

describe('the rate-limit bucket sweep', () => {
  it('runs at most once a minute', () => {
    expect(bucketSweepDue(undefined, now)).toBe(true);
    expect(bucketSweepDue(new Date('2026-11-21T14:59:01.000Z'), now)).toBe(false);
    expect(bucketSweepDue(new Date('2026-11-21T14:59:00.000Z'), now)).toBe(true);
  });

  it('removes buckets whose window started more than an hour ago', () => {
    expect(bucketSweepCutoff(now)).toEqual(new Date('2026-11-21T14:00:00.000Z'));
  });
});
