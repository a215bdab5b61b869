import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { hitWindow } from './rate-limit-store.ts';

/** POLICY.md: 60 requests per minute per IP on auth endpoints. */
export const authRateLimit = { max: 60, windowSeconds: 60 } as const;

/**
 * A preHandler that counts requests per IP and route group in PostgreSQL (shared by every
 * process) and answers 429 with Retry-After beyond the limit. Runs before any password hashing.
 */
export function rateLimitPerIp(db: Database, clock: Clock, group: string, limit = authRateLimit) {
  return async (request: FastifyRequest): Promise<void> => {
    const { count, resetInSeconds } = await hitWindow(
      db,
      clock,
      `ip:${group}:${request.ip}`,
      limit.windowSeconds,
    );
    if (count > limit.max) {
      throw new AppError(
        'RATE_LIMITED',
        'Too many attempts from this network. Please wait and try again.',
        {
          retryAfterSeconds: resetInSeconds,
        },
      );
    }
  };
}
