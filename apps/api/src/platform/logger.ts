import type { LoggerOptions } from 'pino';

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
    },
  };
}
