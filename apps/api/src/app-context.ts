import type { Config } from './platform/config.ts';
import type { Database } from './platform/db/database.ts';
import type { Clock } from './platform/clock.ts';
import type { Deliverer } from './platform/delivery/deliverer.ts';
import { devMailboxInUse } from './platform/delivery/create-deliverer.ts';
import { staffGuard } from './platform/http/staff-guard.ts';
import { portalGuards } from './platform/http/portal-guard.ts';
import { createPortalSessionResolver } from './features/portal-accounts/sessions.ts';
import type { JobHandlers } from './platform/outbox/job-handlers.ts';
import { createStaffAuthService } from './features/staff-auth/service.ts';
import { createPatientService } from './features/patients/service.ts';
import { createDirectoryService } from './features/directory/service.ts';
import { createPatientImportService } from './features/patient-import/service.ts';
import { createAuditLogService } from './features/audit-log/service.ts';
import { createDevMailboxService } from './features/dev-mailbox/service.ts';
import { createPracticeService } from './features/practices/service.ts';
import { createInvitationService } from './features/invitations/service.ts';
import { createBulkInvitationService } from './features/invitations/bulk-service.ts';
import { createInvitationTemplateService } from './features/invitations/template-service.ts';

/** What a process needs from outside: configuration, a database, a clock, a way to deliver messages. */
export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  deliverer: Deliverer;
}

/** Every slice's service, assembled once per app from explicit dependencies (no module singletons). */
export function createServices(deps: AppDeps) {
  const { db, clock } = deps;
  const practices = createPracticeService({ db, clock });
  const directory = createDirectoryService({ db, clock });
  const patients = createPatientService({ db, clock, directory, practices });
  const { publicUrl } = deps.config;
  const invitationTemplates = createInvitationTemplateService({ db, clock, practices, publicUrl });
  const invitations = createInvitationService({
    db,
    clock,
    practices,
    templates: invitationTemplates,
    patients,
    publicUrl,
  });
  return {
    staffAuth: createStaffAuthService({ db, clock }),
    practices,
    directory,
    patients,
    patientImport: createPatientImportService({
      db,
      clock,
      patients,
      staff: practices,
      publicUrl: deps.config.publicUrl,
    }),
    auditLog: createAuditLogService({ db, clock, practices }),
    devMailbox: createDevMailboxService({ db, clock, enabled: devMailboxInUse(deps.config) }),
    invitationTemplates,
    invitations,
    bulkInvitations: createBulkInvitationService({ db, clock, patients, practices, invitations }),
  };
}

export type Services = ReturnType<typeof createServices>;

export interface AppContext extends AppDeps {
  services: Services;
  staffGuard: ReturnType<typeof staffGuard>;
  /** Portal route guards: `full` for patient endpoints, `mfaPending` for the second-factor step. */
  portalGuard: ReturnType<typeof portalGuards>;
  /** Background job kinds and their handlers, run by the worker. */
  jobHandlers: JobHandlers;
}

export function createAppContext(deps: AppDeps): AppContext {
  const services = createServices(deps);
  return {
    ...deps,
    services,
    staffGuard: staffGuard(services.staffAuth, deps.config.secureCookies),
    portalGuard: portalGuards(
      createPortalSessionResolver({ db: deps.db, clock: deps.clock }),
      deps.config.secureCookies,
    ),
    jobHandlers: {
      patient_import: services.patientImport.importJobHandler,
      bulk_invitation: services.bulkInvitations.jobHandler,
    },
  };
}
