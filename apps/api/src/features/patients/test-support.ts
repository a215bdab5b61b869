import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import type { TestApp } from '../../../test/harness.ts';
import { auditEvents } from '../../platform/audit/tables.ts';

/** Route calls as one signed-in staff member (tests only). */
export function staffClient(t: TestApp, cookie: string) {
  const send = (method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.fastify.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
  return {
    get: (url: string) => send('GET', url),
    post: (url: string, payload?: unknown) => send('POST', url, payload ?? {}),
    put: (url: string, payload: unknown) => send('PUT', url, payload),
  };
}

export type StaffClient = ReturnType<typeof staffClient>;

/** Audit events of a practice with this action, oldest first. */
export function auditRows(t: TestApp, practiceId: string, action: string) {
  return t.db.system((tx) =>
    tx
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.practiceId, practiceId), eq(auditEvents.action, action)))
      .orderBy(auditEvents.id),
  );
}

export const janeDoe = {
  firstName: 'Jane',
  lastName: 'Doe',
  dateOfBirth: '1980-04-12',
  sex: 'female',
  email: 'Jane.Doe@Example.com',
  phone: '(555) 201-4433',
} as const;
