// Every table of every slice, for drizzle-kit and for typed queries across the app.
export * from '../../features/practices/tables.ts';
export * from '../../features/staff-auth/tables.ts';
export * from '../../features/directory/tables.ts';
export * from '../../features/patients/tables.ts';
export * from '../../features/patient-import/tables.ts';
export * from '../../features/invitations/tables.ts';
export * from '../audit/tables.ts';
export * from '../outbox/tables.ts';
export * from '../http/rate-limit-table.ts';
export * from '../../features/portal-accounts/tables.ts';
export * from '../../features/registration/tables.ts';
export * from '../../features/mfa/tables.ts';
export * from '../verification/tables.ts';
export * from '../../features/messaging/tables.ts';
export * from '../idempotency/tables.ts';
