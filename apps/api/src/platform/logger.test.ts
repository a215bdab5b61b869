import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { DrizzleQueryError } from 'drizzle-orm';
import { loggerOptions, serializeError } from './logger.ts';

/** What PostgreSQL (pg or PGlite) raises for a duplicate MRN: the row's values sit in `detail`. */
function uniqueViolation(): Error {
  return Object.assign(
    new Error('duplicate key value violates unique constraint "patients_practice_mrn_key"'),
    {
      name: 'error',
      code: '23505',
      detail: 'Key (practice_id, mrn)=(4b1c…, JANE-1980) already exists.',
      constraint: 'patients_practice_mrn_key',
      query: 'insert into "patients" …',
      params: ['Jane', 'Doe', '1980-02-03', 'jane@example.org'],
    },
  );
}

function drizzleError(cause: Error = uniqueViolation()): DrizzleQueryError {
  return new DrizzleQueryError(
    'insert into "patients" ("first_name", "last_name", "date_of_birth", "email")\nvalues ($1, $2, $3, $4)',
    ['Jane', 'Doe', '1980-02-03', 'jane@example.org'],
    cause,
  );
}

const phi = /Jane|JANE|Doe|1980|jane@|example\.org|first_name|insert into/;

/** A pino logger with the application's options, writing JSON lines into an array. */
function capturedLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino(loggerOptions('info'), stream), lines };
}

describe('the err serializer', () => {
  it('keeps only the type, the SQLSTATE and the database message of a failed query', () => {
    const error = drizzleError();
    expect(error.message).toMatch(phi); // the raw error does carry the values
    const serialized = serializeError(error);
    const text = JSON.stringify(serialized);
    expect(text).not.toMatch(phi);
    expect(serialized).toMatchObject({
      type: 'DrizzleQueryError',
      code: '23505',
      message: 'duplicate key value violates unique constraint "patients_practice_mrn_key"',
    });
    expect(text).not.toMatch(/params|detail|"query"/);
  });

  it('keeps the stack frames (where the query ran), not the message lines', () => {
    const serialized = serializeError(drizzleError()) as { stack?: string };
    expect(serialized.stack).toMatch(/^DrizzleQueryError: duplicate key value/);
    expect(serialized.stack).toMatch(/\n\s+at /);
    expect(serialized.stack).not.toMatch(phi);
  });

  it('removes values PostgreSQL quotes in its message, keeps quoted names', () => {
    const cause = Object.assign(new Error('invalid input syntax for type date: "Jane Doe"'), {
      code: '22007',
    });
    const serialized = serializeError(drizzleError(cause));
    expect(JSON.stringify(serialized)).not.toMatch(phi);
    expect(serialized).toMatchObject({
      code: '22007',
      message: 'invalid input syntax for type date: [value]',
    });
  });

  it('recognises the failed-query text on any error, and a failed query wrapped as a cause', () => {
    const copied = new Error('Failed query: select 1 where name = $1\nparams: Jane');
    expect(JSON.stringify(serializeError(copied))).not.toMatch(phi);
    const wrapped = new Error('import step failed', { cause: drizzleError() });
    const text = JSON.stringify(serializeError(wrapped));
    expect(text).toContain('import step failed');
    expect(text).toContain('23505');
    expect(text).not.toMatch(phi);
  });

  it('serializes other errors as pino does (message, stack, own fields)', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    expect(serializeError(error)).toMatchObject({
      type: 'Error',
      message: 'connect ECONNREFUSED 127.0.0.1:5432',
      code: 'ECONNREFUSED',
      stack: expect.stringContaining('at ') as unknown,
    });
  });
});

describe('the application logger', () => {
  it('writes a failed query without names, birth dates or emails, however it is logged', () => {
    const { log, lines } = capturedLogger();
    log.error({ err: drizzleError() }, 'request failed');
    log.error(drizzleError());
    log.error({ err: drizzleError() });
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toMatch(phi);
      expect(line).toContain('23505');
    }
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ msg: 'request failed' });
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ msg: 'database query failed' });
  });
});
