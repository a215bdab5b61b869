import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.ts';

/** The client address Fastify derives with this TRUST_PROXY, for a request from `peer`. */
async function clientIp(trustProxy: string, peer: string, forwardedFor: string): Promise<string> {
  const app = Fastify({ trustProxy: loadConfig({ TRUST_PROXY: trustProxy }).trustProxy });
  app.get('/ip', (request) => ({ ip: request.ip }));
  try {
    const res = await app.inject({
      url: '/ip',
      remoteAddress: peer,
      headers: { 'x-forwarded-for': forwardedFor },
    });
    return res.json<{ ip: string }>().ip;
  } finally {
    await app.close();
  }
}

describe('loadConfig', () => {
  it('has working defaults: port 3000, embedded database under ./data, dev mailbox', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir).toMatch(/data$/);
    expect(c.storageDir).toBe(path.join(c.dataDir, 'files'));
    expect(c.smtpUrl).toBeUndefined();
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(c.secureCookies).toBe(false);
  });
  it('stores attachments under the data directory unless PORTICO_STORAGE_DIR says where', () => {
    expect(loadConfig({ PORTICO_DATA_DIR: '/srv/portico' }).storageDir).toBe(
      path.resolve('/srv/portico/files'),
    );
    expect(
      loadConfig({ PORTICO_DATA_DIR: '/srv/portico', PORTICO_STORAGE_DIR: '/mnt/files' })
        .storageDir,
    ).toBe(path.resolve('/mnt/files'));
  });
  it('names every bad variable in one error', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        SMTP_URL: 'http://mail',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/DATABASE_URL.*postgres/);
      expect(problems).toMatch(/SMTP_URL.*smtp/);
    }
  });
  it('serving over HTTPS turns on secure cookies', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://portal.example.org/' }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://portal.example.org/' }).publicUrl).toBe(
      'https://portal.example.org',
    );
  });
});

/** The problems a configuration is refused with (fails the test when it is accepted). */
function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.join('\n');
  }
  throw new Error('expected the configuration to be refused');
}

const productionBasics = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://portico@db/portico',
  SMTP_URL: 'smtps://user:pass@smtp.example.org',
};

describe('the demo seed (published password)', () => {
  it('is on by default only for the embedded database outside production', () => {
    expect(loadConfig({}).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', DATABASE_URL: '' }).seedDemo).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/portico' }).seedDemo).toBe(false);
    expect(loadConfig({ ...productionBasics, DATABASE_URL: undefined }).seedDemo).toBe(false);
    expect(loadConfig(productionBasics).seedDemo).toBe(false);
  });

  it('can be asked for explicitly on PostgreSQL outside production', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://db/portico', PORTICO_SEED_DEMO: 'true' });
    expect(c.seedDemo).toBe(true);
  });

  it('is refused in production', () => {
    expect(problemsOf({ ...productionBasics, PORTICO_SEED_DEMO: 'true' })).toMatch(
      /PORTICO_SEED_DEMO.*production/,
    );
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('by default ignores X-Forwarded-For: the client cannot choose its address', async () => {
    expect(await clientIp('false', '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('takes a hop count: the address the nearest N proxies saw', async () => {
    expect(loadConfig({ TRUST_PROXY: ' 2 ' }).trustProxy).toHaveProperty('hops', 2);
    // One load balancer appends the client's address; anything the client sent before it is ignored.
    expect(await clientIp('1', '10.0.0.5', '6.6.6.6, 198.51.100.1')).toBe('198.51.100.1');
    expect(await clientIp('2', '10.0.0.5', '6.6.6.6, 198.51.100.1, 10.0.0.9')).toBe('198.51.100.1');
  });

  it('with addresses, trusts only those peers', async () => {
    expect(await clientIp('10.0.0.0/8', '10.0.0.5', '198.51.100.1')).toBe('198.51.100.1');
    expect(await clientIp('10.0.0.0/8', '203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('takes a comma-separated list of addresses and CIDR ranges', () => {
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,fd00::/8 , ::1, loopback' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.7', 'fd00::/8', '::1', 'loopback']);
  });

  it('refuses true (any client could choose its own address), suggesting a hop count', () => {
    expect(problemsOf({ TRUST_PROXY: 'true' })).toMatch(/TRUST_PROXY.*hop count.*TRUST_PROXY=1/);
  });

  it('refuses what is neither a hop count nor addresses', () => {
    for (const value of ['0', '-1', '1.5', 'proxy.example.org', '10.0.0.0/33', '10.0.0.1,,', 'yes'])
      expect(problemsOf({ TRUST_PROXY: value }), value).toMatch(/TRUST_PROXY/);
  });
});

describe('configuration errors', () => {
  it('never print the value of a URL, secret or token', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2-db-password@db',
      SMTP_URL: 'http://mailuser:hunter2-smtp-password@mail',
      SMS_PROVIDER_URL: 'ftp://sms:hunter2-sms@sms',
      PORT: 'eighty',
    });
    expect(problems).not.toContain('hunter2');
    expect(problems).toMatch(/DATABASE_URL.*\(got a value of 35 characters\)/);
    expect(problems).toMatch(/SMTP_URL.*\(got a value of 42 characters\)/);
    // Other variables still show what was given, to help fix typos.
    expect(problems).toMatch(/PORT.*"eighty"/);
  });
});

describe('the dev mailbox in production', () => {
  it('refuses production without SMTP_URL: sign-in links would sit in a web page', () => {
    expect(problemsOf({ ...productionBasics, SMTP_URL: undefined })).toMatch(
      /SMTP_URL.*PORTICO_DEV_MAILBOX=true/,
    );
  });

  it('allows it when PORTICO_DEV_MAILBOX=true says so explicitly', () => {
    const c = loadConfig({
      ...productionBasics,
      SMTP_URL: undefined,
      PORTICO_DEV_MAILBOX: 'true',
    });
    expect(c.smtpUrl).toBeUndefined();
    expect(c.devMailboxAllowed).toBe(true);
  });

  it('does not need the flag outside production or with SMTP configured', () => {
    expect(loadConfig({}).env).toBe('development');
    expect(loadConfig(productionBasics).devMailboxAllowed).toBe(false);
  });
});
