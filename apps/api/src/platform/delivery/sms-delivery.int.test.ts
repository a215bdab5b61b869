import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, testConfig, type TestApp } from '../../../test/harness.ts';
import { enqueueNotification } from '../outbox/enqueue.ts';
import { outbox } from '../outbox/tables.ts';
import { runWorkerOnce } from '../outbox/worker.ts';
import { isolatedWorkerClock, recordingLog } from '../outbox/testing.ts';
import { createDeliverer } from './create-deliverer.ts';
import { createHttpSmsSender } from './sms-http.ts';

interface ProviderRequest {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

let t: TestApp;
let provider: Server;
let providerUrl: string;
const requests: ProviderRequest[] = [];
let nextStatus = 201;

beforeAll(async () => {
  t = await createTestApp({ clock: isolatedWorkerClock() });
  provider = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      res
        .writeHead(nextStatus, { 'content-type': 'application/json' })
        .end('{"sid":"SM123","to":"+15550102233"}');
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/2010-04-01/Messages.json`;
});
afterAll(async () => {
  await new Promise<void>((resolve) =>
    provider.close(() => {
      resolve();
    }),
  );
  await t.close();
});

const smsConfig = () =>
  testConfig({ sms: { providerUrl, token: 'test-provider-token', from: '+15550009999' } });

describe('SMS over the HTTP provider', () => {
  it('posts To, From and Body as a form with the bearer token, and marks the message sent', async () => {
    const { practiceId } = await t.newPractice(['admin']);
    await t.db.tenant(practiceId, (tx) =>
      enqueueNotification(
        tx,
        practiceId,
        {
          channel: 'sms',
          to: '+15550102233',
          text: 'You have a new message. https://portal.test/x',
        },
        t.clock.now(),
      ),
    );
    nextStatus = 201;
    const before = requests.length;

    await runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer: createDeliverer(smsConfig(), t.db, t.clock),
      jobHandlers: {},
      log: recordingLog(),
      onlyPracticeIds: [practiceId],
    });

    expect(requests.length).toBe(before + 1);
    const request = requests.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/2010-04-01/Messages.json');
    expect(request?.headers.authorization).toBe('Bearer test-provider-token');
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(request?.form ?? [])).toEqual({
      To: '+15550102233',
      From: '+15550009999',
      Body: 'You have a new message. https://portal.test/x',
    });
    const [row] = await t.db.system((tx) =>
      tx.select().from(outbox).where(eq(outbox.practiceId, practiceId)),
    );
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('treats a 500 from the provider as a failed attempt and retries later, without keeping its body', async () => {
    const { practiceId } = await t.newPractice(['admin']);
    await t.db.tenant(practiceId, (tx) =>
      enqueueNotification(
        tx,
        practiceId,
        { channel: 'sms', to: '+15550102233', text: 'You have a new message.' },
        t.clock.now(),
      ),
    );
    nextStatus = 500;
    const log = recordingLog();
    const deliverer = createDeliverer(smsConfig(), t.db, t.clock);

    await runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer,
      jobHandlers: {},
      log,
      onlyPracticeIds: [practiceId],
    });

    const [row] = await t.db.system((tx) =>
      tx.select().from(outbox).where(eq(outbox.practiceId, practiceId)),
    );
    expect(row).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'SMS provider answered HTTP 500',
    });
    expect(row?.nextAttemptAt).toEqual(new Date(t.clock.now().getTime() + 30_000));
    expect(JSON.stringify(log.lines)).not.toContain('5550102233');

    nextStatus = 200;
    t.clock.advanceSeconds(30);
    await runWorkerOnce({
      db: t.db,
      clock: t.clock,
      deliverer,
      jobHandlers: {},
      log,
      onlyPracticeIds: [practiceId],
    });
    const [retried] = await t.db.system((tx) =>
      tx.select().from(outbox).where(eq(outbox.practiceId, practiceId)),
    );
    expect(retried).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('gives up on a provider that does not answer within the timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const sender = createHttpSmsSender({
      providerUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`,
      token: undefined,
      from: '+15550009999',
      timeoutMs: 200,
    });
    await expect(sender.send({ to: '+15550102233', text: 'hello' })).rejects.toThrow(
      'SMS provider unreachable (timed out)',
    );
    silent.closeAllConnections();
    await new Promise<void>((resolve) =>
      silent.close(() => {
        resolve();
      }),
    );
  });
});
