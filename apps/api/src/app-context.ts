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
import {
  localDiskStorage,
  noMalwareScan,
  type FileStorage,
  type MalwareScanner,
} from './platform/storage/file-storage.ts';
import type { PeriodicTask } from './platform/outbox/worker.ts';
import { createSender } from './features/messaging/sending.ts';
import { createMessagingService } from './features/messaging/service.ts';
import { createPortalMessagingService } from './features/messaging/portal-service.ts';
import { createMessageTemplateService } from './features/messaging/template-service.ts';
import { createBulkMessageService } from './features/messaging/bulk-service.ts';
import { createMessageNotices } from './features/messaging/notifications.ts';
import { autoCloseTask } from './features/messaging/auto-close.ts';
import {
  patientNoticeJob,
  staffNoticeJob,
  startThreadAsStaff,
} from './features/messaging/thread-writes.ts';

/** What a process needs from outside: configuration, a database, a clock, a way to deliver messages. */
export interface AppDeps {
  config: Config;
  db: Database;
  clock: Clock;
  deliverer: Deliverer;
  /** Where attachments live; default: local disk under `config.storageDir`. */
  storage?: FileStorage;
  /** The malware-scan hook for uploads; default: none. */
  scanner?: MalwareScanner;
}

/** Every slice's service, assembled once per app from explicit dependencies (no module singletons). */
export function createServices(deps: AppDeps & { storage: FileStorage }) {
  const { db, clock, storage } = deps;
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
  const send = createSender({ db, clock, storage, scanner: deps.scanner ?? noMalwareScan });
  return {
    staffAuth: createStaffAuthService({ db, clock }),
    messaging: createMessagingService({ db, clock, send, practices, directory }),
    portalMessaging: createPortalMessagingService({ db, clock, send, directory }),
    messageTemplates: createMessageTemplateService({ db, clock, practices }),
    bulkMessages: createBulkMessageService({ db, clock, startThread: startThreadAsStaff }),
    messageNotices: createMessageNotices({ db, clock, practices, publicUrl }),
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
  storage: FileStorage;
  /** Timed sweeps for the worker (message auto-close). */
  periodicTasks: PeriodicTask[];
  staffGuard: ReturnType<typeof staffGuard>;
  /** Portal route guards: `full` for patient endpoints, `mfaPending` for the second-factor step. */
  portalGuard: ReturnType<typeof portalGuards>;
  /** Background job kinds and their handlers, run by the worker. */
  jobHandlers: JobHandlers;
}

export function createAppContext(deps: AppDeps): AppContext {
  const storage = deps.storage ?? localDiskStorage(deps.config.storageDir);
  const services = createServices({ ...deps, storage });
  return {
    ...deps,
    services,
    storage,
    periodicTasks: [autoCloseTask(deps.db, deps.clock)],
    staffGuard: staffGuard(services.staffAuth, deps.config.secureCookies),
    portalGuard: portalGuards(
      createPortalSessionResolver({ db: deps.db, clock: deps.clock }),
      deps.config.secureCookies,
    ),
    jobHandlers: {
      patient_import: services.patientImport.importJobHandler,
      bulk_invitation: services.bulkInvitations.jobHandler,
      bulk_message: services.bulkMessages.jobHandler,
      [patientNoticeJob]: services.messageNotices.patientNotice,
      [staffNoticeJob]: services.messageNotices.staffNotice,
    },
  };
}
