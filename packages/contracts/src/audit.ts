import { z } from 'zod';
import { pageOf, uuid } from './common.ts';

export const auditOutcomes = ['success', 'denied', 'failure'] as const;
export const actorTypes = ['staff', 'portal_account', 'system'] as const;

export const auditEvent = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actorType: z.enum(actorTypes),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  patientId: z.string().nullable(),
  patientLabel: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  outcome: z.enum(auditOutcomes),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type AuditEvent = z.infer<typeof auditEvent>;

export const auditQuery = z.strictObject({
  patientId: uuid.optional(),
  actorId: uuid.optional(),
  action: z.string().trim().max(100).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
export const auditPage = pageOf(auditEvent);
export type AuditPage = z.infer<typeof auditPage>;
