import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { patients } from '../../features/patients/tables.ts';
import { loggerOptions } from '../logger.ts';
import { registerErrorHandler } from './error-handler.ts';

let t: TestApp;
let practiceId: string;
let app: FastifyInstance;
const lines: string[] = [];

const jane = {
  firstName: 'Janelle',
  lastName: 'Doverton',
  dateOfBirth: '1980-02-03',
  email: 'janelle.doverton@example.org',
};
const phi = /Janelle|Doverton|1980-02-03|janelle\.doverton|example\.org|JD-1980/;

beforeAll(async () => {
  t = await createTestApp();
  ({ practiceId } = await t.newPractice(['admin']));
  const mrn = `JD-1980-${randomUUID().slice(0, 8)}`;
  await t.db.tenant(practiceId, (tx) => tx.insert(patients).values({ practiceId, mrn, ...jane }));
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // The application's logger options and error handler, around a route whose query fails in
  // the database: the same MRN again, so PostgreSQL answers unique_violation with the values.
  app = Fastify({ logger: { ...loggerOptions('info'), stream } });
  registerErrorHandler(app);
  app.post('/duplicate', async () => {
    await t.db.tenant(practiceId, (tx) => tx.insert(patients).values({ practiceId, mrn, ...jane }));
    return { ok: true };
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('a request whose query fails in the database', () => {
  it('answers 500 INTERNAL with no SQL or values', async () => {
    const res = await app.inject({ method: 'POST', url: '/duplicate' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toMatchObject({ code: 'INTERNAL' });
    expect(res.body).not.toMatch(phi);
    expect(res.body).not.toMatch(/insert|patients/i);
  });

  it('logs the SQLSTATE and the database message, never the names, birth date or email', async () => {
    lines.length = 0;
    await app.inject({ method: 'POST', url: '/duplicate' });
    const failed = lines.find((l) => l.includes('request failed'));
    expect(failed).toBeDefined();
    expect(failed).toContain('23505');
    expect(failed).toContain('patients_practice_mrn_key');
    expect(lines.join('\n')).not.toMatch(phi);
  });
});
