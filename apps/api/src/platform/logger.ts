import { stdSerializers, type LoggerOptions } from 'pino';
import {
  framesOf,
  involvesQueryError,
  isErrorLike,
  isQueryError,
  queryErrorFacts,
} from './query-errors.ts';

/**
 * Log fields that may carry PHI or secrets. Logs hold ids, never names, emails, bodies or tokens.
 * Request bodies are never logged; these paths catch anything that slips into a log call.
 */
export const redactedPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.email',
  '*.phone',
  '*.firstName',
  '*.lastName',
  '*.dateOfBirth',
  '*.token',
  '*.body',
  '*.to',
  'email',
  'phone',
  'password',
  'token',
];

/**
 * The `err` serializer. A failed query (Drizzle's error carries the SQL and every bound value in
 * its message, `params` and stack) keeps only its type, SQLSTATE and database message, and its
 * stack frames; an error wrapping one keeps its own message and the safe form of the cause. Any
 * other error is serialized as pino does.
 */
export function serializeError(err: unknown): unknown {
  if (!isErrorLike(err)) return err;
  if (!involvesQueryError(err)) return stdSerializers.err(err as Error);
  return safeChain(err, 0);
}

function safeChain(err: unknown, depth: number): Record<string, unknown> | undefined {
  if (!isErrorLike(err) || depth > 5) return undefined;
  if (isQueryError(err)) {
    const facts = queryErrorFacts(err);
    const frames = framesOf(err);
    return {
      type: facts.type,
      ...(facts.code ? { code: facts.code } : {}),
      message: facts.message,
      ...(frames === undefined ? {} : { stack: `${facts.type}: ${facts.message}${frames}` }),
    };
  }
  return {
    type: err.constructor.name,
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    message: err.message,
    ...(typeof err.stack === 'string' ? { stack: err.stack } : {}),
    cause: safeChain(err.cause, depth + 1),
  };
}

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: redactedPaths, censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        // Query strings can carry search terms (names, emails): log the path only.
        url: req.url.split('?')[0],
        id: req.id,
      }),
      err: serializeError,
    },
    hooks: {
      // pino uses an error's message as the line's `msg` when none is given: not a failed query's.
      logMethod(args, method) {
        const [first, second] = args as unknown[];
        const err: unknown =
          typeof first === 'object' && first !== null && !isErrorLike(first)
            ? (first as { err?: unknown }).err
            : first;
        if (typeof second !== 'string' && involvesQueryError(err)) {
          method.apply(this, [first as object, 'database query failed']);
          return;
        }
        method.apply(this, args);
      },
    },
  };
}
