import { z } from 'zod';
import path from 'node:path';
import { isIP } from 'node:net';

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine(
      (v) => {
        if (v === undefined) return true;
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      { message: `must be a URL starting with ${protocols.join(' or ')}//` },
    );

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalUrl(['postgres:', 'postgresql:']),
  PORTICO_DATA_DIR: z.string().trim().min(1).default('./data'),
  /** Message attachments; default `<PORTICO_DATA_DIR>/files`. */
  PORTICO_STORAGE_DIR: z.string().trim().min(1).optional(),
  PUBLIC_URL: optionalUrl(['http:', 'https:']),
  SMTP_URL: optionalUrl(['smtp:', 'smtps:']),
  MAIL_FROM: z.string().trim().min(3).default('Portico <no-reply@portico.invalid>'),
  SMS_PROVIDER_URL: optionalUrl(['http:', 'https:']),
  SMS_PROVIDER_TOKEN: z.string().optional(),
  SMS_FROM: z.string().trim().default('+15550000000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .transform((v, ctx) => {
      const parsed = parseTrustProxy(v);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  // No default here: it depends on DATABASE_URL and NODE_ENV (see loadConfig).
  PORTICO_SEED_DEMO: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  PORTICO_DEV_MAILBOX: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  PORTICO_WORKER: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** Where attachment files are stored (absolute). */
  storageDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  sms: { providerUrl: string | undefined; token: string | undefined; from: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /**
   * Which proxies may set X-Forwarded-For (passed to Fastify's `trustProxy`): none, the nearest
   * N hops, or these addresses / CIDR ranges. Never "everyone": any client could pick its own IP.
   */
  trustProxy: false | string[] | TrustedHops;
  /** Seed the demo practice (fictional staff with a published password) on an empty database. */
  seedDemo: boolean;
  /** NODE_ENV=production may run without SMTP_URL (messages land in the dev mailbox) only when set. */
  devMailboxAllowed: boolean;
  runWorker: boolean;
  /** True when served over HTTPS: cookies get `Secure` and the `__Host-` prefix, HSTS is sent. */
  secureCookies: boolean;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Names whose values are credentials (or carry them, like user:password@ in a URL): never echoed. */
const secretName = /(_URL|_SECRET|_TOKEN)$/;

function shown(name: string, value: unknown): string {
  if (secretName.test(name)) {
    const length = typeof value === 'string' ? value.length : String(value).length;
    return value === undefined ? '(not set)' : `(got a value of ${length} characters)`;
  }
  return `(got ${JSON.stringify(value)})`;
}

/** Reads and validates configuration from environment variables; throws one error listing every bad one. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0]);
        return `${i.path.join('.')}: ${i.message} ${shown(name, env[name])}`;
      }),
    );
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const problems: string[] = [];
  if (production && e.PORTICO_SEED_DEMO === true) {
    problems.push(
      'PORTICO_SEED_DEMO: the demo practice has a published password; it cannot be seeded with NODE_ENV=production',
    );
  }
  if (production && !e.SMTP_URL && !e.PORTICO_DEV_MAILBOX) {
    problems.push(
      'SMTP_URL: required with NODE_ENV=production (without it, email, including sign-in links, is only stored in the dev mailbox page); set PORTICO_DEV_MAILBOX=true to run without it on purpose',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const dataDir = path.resolve(e.PORTICO_DATA_DIR);
  const publicUrl = (
    e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`
  ).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    storageDir: e.PORTICO_STORAGE_DIR
      ? path.resolve(e.PORTICO_STORAGE_DIR)
      : path.join(dataDir, 'files'),
    publicUrl,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    sms: { providerUrl: e.SMS_PROVIDER_URL, token: e.SMS_PROVIDER_TOKEN, from: e.SMS_FROM },
    logLevel: e.LOG_LEVEL,
    trustProxy: typeof e.TRUST_PROXY === 'number' ? trustedHops(e.TRUST_PROXY) : e.TRUST_PROXY,
    // The demo is for the embedded, zero-setup start; on PostgreSQL it must be asked for.
    seedDemo: e.PORTICO_SEED_DEMO ?? (!e.DATABASE_URL && !production),
    devMailboxAllowed: e.PORTICO_DEV_MAILBOX,
    runWorker: e.PORTICO_WORKER,
    secureCookies: publicUrl.startsWith('https:'),
  };
}

/**
 * Trust the nearest `hops` proxies (Express's hop count). Fastify 5.12 treats a numeric
 * `trustProxy` as "trust nothing", so the count is given to it as a trust function.
 */
export type TrustedHops = ((address: string, hop: number) => boolean) & { readonly hops: number };

export function trustedHops(hops: number): TrustedHops {
  return Object.assign((_address: string, hop: number) => hop < hops, { hops });
}

/** proxy-addr's names for well-known ranges, accepted in a TRUST_PROXY list. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (version === 4 ? 32 : 128);
}

/** TRUST_PROXY: `false`, a hop count, or addresses / CIDR ranges; a string is the refusal. */
export function parseTrustProxy(value: string): false | number | string[] | string {
  if (value === 'false' || value === '') return false;
  if (value === 'true') {
    return 'true would let any client choose its own IP address with X-Forwarded-For; give the hop count of proxies in front of Portico (TRUST_PROXY=1 behind one load balancer) or their addresses';
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops >= 1 && hops <= 100
      ? hops
      : 'a hop count must be between 1 and 100 (use false for no proxy)';
  }
  const entries = value.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) {
    return `must be false, a hop count (1, 2 …) or a comma-separated list of IP addresses and CIDR ranges (not understood: ${bad.map((b) => JSON.stringify(b)).join(', ')})`;
  }
  return entries;
}
