import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { createTestApp, testConfig, type TestApp } from '../../../test/harness.ts';
import { enqueueNotification } from '../outbox/enqueue.ts';
import { outbox } from '../outbox/tables.ts';
import { runWorkerOnce } from '../outbox/worker.ts';
import { isolatedWorkerClock, recordingLog } from '../outbox/testing.ts';
import { retryDelaySeconds, outboxRetryPolicy } from '../outbox/rules.ts';
import { createDeliverer } from './create-deliverer.ts';

interface Received {
  rcptTo: string[];
  raw: string;
}

let t: TestApp;
let smtp: SMTPServer;
let smtpPort: number;
const received: Received[] = [];

beforeAll(async () => {
  t = await createTestApp({ clock: isolatedWorkerClock() });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    smtp.close(resolve);
  });
  await t.close();
});

async function newPracticeId(): Promise<string> {
  return (await t.newPractice(['admin'])).practiceId;
}

async function enqueueEmail(practiceId: string, to: string): Promise<void> {
  await t.db.tenant(practiceId, (tx) =>
    enqueueNotification(
      tx,
      practiceId,
      { channel: 'email', to, subject: 'A message is waiting', text: 'Sign in to read it.' },
      t.clock.now(),
    ),
  );
}

async function outboxRows(practiceId: string) {
  return t.db.system((tx) => tx.select().from(outbox).where(eq(outbox.practiceId, practiceId)));
}

/** A port nothing listens on: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

describe('email over SMTP', () => {
  it('delivers a queued email in a real SMTP conversation and marks it sent', async () => {
    const practiceId = await newPracticeId();
    await enqueueEmail(practiceId, 'patient.one@example.org');
    const deliverer = createDeliverer(
      testConfig({ smtpUrl: `smtp://127.0.0.1:${smtpPort}` }),
      t.db,
      t.clock,
    );
    const log = recordingLog();

    const result = await runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer,
      jobHandlers: {},
      log,
      onlyPracticeIds: [practiceId],
    });

    expect(result.messages).toBe(1);
    const mail = received.find((r) => r.rcptTo.includes('patient.one@example.org'));
    expect(mail?.raw).toMatch(/^Subject: A message is waiting$/m);
    expect(mail?.raw).toMatch(/^To: patient\.one@example\.org$/m);
    expect(mail?.raw).toMatch(/^From: Portico <no-reply@portico\.invalid>$/m);
    expect(mail?.raw).toContain('Sign in to read it.');
    const [row] = await outboxRows(practiceId);
    expect(row).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: t.clock.now(),
      lastError: null,
    });
  });

  it('retries a failed send with exponential backoff, then dead-letters it after 8 attempts', async () => {
    const practiceId = await newPracticeId();
    await enqueueEmail(practiceId, 'patient.two@example.org');
    const deliverer = createDeliverer(
      testConfig({ smtpUrl: `smtp://127.0.0.1:${await closedPort()}` }),
      t.db,
      t.clock,
    );
    const log = recordingLog();
    const run = () =>
      runWorkerOnce({
        db: t.db,
        clock: t.clock,
        deliverer,
        jobHandlers: {},
        log,
        onlyPracticeIds: [practiceId],
      });

    await run();
    let [row] = await outboxRows(practiceId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.nextAttemptAt).toEqual(new Date(t.clock.now().getTime() + 30_000));
    expect(row?.lastError).toMatch(/ECONNREFUSED/);

    // Not due yet: a poll before the backoff has passed leaves it alone.
    expect((await run()).messages).toBe(0);

    for (let attempt = 2; attempt <= 8; attempt++) {
      t.clock.advanceSeconds(retryDelaySeconds(attempt - 1, outboxRetryPolicy));
      expect((await run()).messages).toBe(1);
      [row] = await outboxRows(practiceId);
      expect(row?.attempts).toBe(attempt);
    }
    expect(row).toMatchObject({ status: 'dead', attempts: 8, sentAt: null });
    expect(row?.lastError).toMatch(/ECONNREFUSED/);

    // A dead letter is never picked up again.
    t.clock.advanceSeconds(24 * 3600);
    expect((await run()).messages).toBe(0);

    // Logs hold ids and the error, never the address or the body.
    const logged = JSON.stringify(log.lines);
    expect(log.lines.at(-1)).toMatchObject({
      level: 'error',
      obj: { outboxId: row?.id, attempts: 8 },
    });
    expect(logged).not.toContain('patient.two');
    expect(logged).not.toContain('Sign in to read it');
  });
});
