import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  endDateRequest,
  PatientDetail,
  PatientInput,
  patientListQuery,
  PatientPage,
} from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { staffActor, writeAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound, validation } from '../../platform/errors.ts';
import { todayIn } from '../../platform/time.ts';
import type { DirectoryService } from '../directory/service.ts';
import type { PracticeService } from '../practices/service.ts';
import {
  classifyQuery,
  endDateProblem,
  statusChangeProblem,
  statusOf,
  validatePatient,
  type NewPatient,
  type PatientIssue,
} from './rules.ts';
import { allocateMrns, existingMrns, isUniqueViolation, mrnTakenMessage } from './mrn.ts';
import { portalStatusFrom } from '../invitations/read-model.ts';
import { searchPatients } from './search.ts';
import { existingPatientIdsInTx, invitablePatientIdsInTx } from './invitable.ts';
import { changedFields, patientColumns, toDetail, toSummary, type PatientRow } from './views.ts';
import { patients } from './tables.ts';

export interface PatientDeps {
  db: Database;
  clock: Clock;
  directory: Pick<DirectoryService, 'missingReferencesInTx'>;
  practices: Pick<PracticeService, 'settingsInTx'>;
}

export type PatientValidation =
  | { ok: true; patient: NewPatient }
  | { ok: false; reason: 'invalid' | 'mrn_taken'; issues: PatientIssue[] };
export type PatientInsert = { ok: true; row: PatientRow } | { ok: false; issue: PatientIssue };
export type StatusChangeRequest =
  | ({ kind: 'end_date' } & z.output<typeof endDateRequest>)
  | { kind: 'reactivate'; version: number };

const changedByOthers = () =>
  new AppError(
    'CONFLICT',
    'This record was changed by someone else after you opened it. Reload it and make your change again.',
  );
const mrnConflict = () =>
  new AppError('CONFLICT', `${mrnTakenMessage} Leave the MRN empty to have one assigned.`);

/** Refuses with VALIDATION, each issue pointing at the request body field. */
function invalid(issues: PatientIssue[]): AppError {
  return validation(
    issues[0]?.message ?? 'Some fields are missing or invalid.',
    issues.map((i) => ({ path: i.field ? `body.${i.field}` : 'body', message: i.message })),
  );
}

export interface PatientContactFacts {
  id: string;
  firstName: string;
  dateOfBirth: string;
  endDate: string | null;
  email: string | null;
  phone: string | null;
}

export function createPatientService({ db, clock, directory, practices }: PatientDeps) {
  /** Validates candidates as the create form would, plus references and MRNs already used in the practice. */
  async function validateManyInTx(
    tx: Tx,
    practiceId: string,
    candidates: unknown[],
    options: { exceptPatientId?: string } = {},
  ): Promise<PatientValidation[]> {
    const { timeZone } = await practices.settingsInTx(tx, practiceId);
    const today = todayIn(timeZone, clock.now());
    const checked = candidates.map((candidate) => validatePatient(candidate, today));
    const valid = checked.flatMap((c) => (c.ok ? [c.patient] : []));
    const missing = await directory.missingReferencesInTx(tx, practiceId, {
      providerIds: valid.flatMap((p) => (p.primaryProviderId ? [p.primaryProviderId] : [])),
      locationIds: valid.flatMap((p) => (p.primaryLocationId ? [p.primaryLocationId] : [])),
    });
    const results = checked.map((c): PatientValidation => {
      if (!c.ok) return { ok: false, reason: 'invalid', issues: c.issues };
      const { primaryProviderId: providerId, primaryLocationId: locationId } = c.patient;
      const issues: PatientIssue[] = [];
      if (providerId && missing.providerIds.has(providerId))
        issues.push({ field: 'primaryProviderId', message: 'Choose a provider of this practice.' });
      if (locationId && missing.locationIds.has(locationId))
        issues.push({ field: 'primaryLocationId', message: 'Choose a location of this practice.' });
      return issues.length > 0 ? { ok: false, reason: 'invalid', issues } : c;
    });
    const mrns = results.flatMap((r) => (r.ok && r.patient.mrn !== null ? [r.patient.mrn] : []));
    const taken = await existingMrns(tx, practiceId, mrns, options.exceptPatientId);
    return results.map((r) =>
      r.ok && r.patient.mrn !== null && taken.has(r.patient.mrn)
        ? { ok: false, reason: 'mrn_taken', issues: [{ field: 'mrn', message: mrnTakenMessage }] }
        : r,
    );
  }

  /**
   * Inserts validated patients in the caller's transaction (no audit: the caller writes it).
   * Missing MRNs are generated; an MRN taken meanwhile fails that record only (ON CONFLICT DO NOTHING).
   */
  async function createManyInTx(
    tx: Tx,
    practiceId: string,
    records: NewPatient[],
  ): Promise<PatientInsert[]> {
    if (records.length === 0) return [];
    const explicit = new Set(records.flatMap((r) => (r.mrn === null ? [] : [r.mrn])));
    const needed = records.length - records.filter((r) => r.mrn !== null).length;
    const { mrnPrefix } = await practices.settingsInTx(tx, practiceId);
    const generated =
      needed > 0 ? await allocateMrns(tx, practiceId, mrnPrefix, needed, explicit) : [];
    const now = clock.now();
    const mrns = records.map((r) => r.mrn ?? generated.shift() ?? '');
    const firstIndexOf = new Map<string, number>();
    mrns.forEach((mrn, i) => {
      if (!firstIndexOf.has(mrn)) firstIndexOf.set(mrn, i);
    });
    const values = records
      .map((r, i) => ({
        ...patientColumns(r, mrns[i] ?? ''),
        practiceId,
        createdAt: now,
        updatedAt: now,
      }))
      .filter((_, i) => firstIndexOf.get(mrns[i] ?? '') === i);
    const inserted = await tx
      .insert(patients)
      .values(values)
      .onConflictDoNothing({ target: [patients.practiceId, patients.mrn] })
      .returning();
    const byMrn = new Map(inserted.map((row) => [row.mrn, row]));
    return mrns.map((mrn, i) => {
      const row = firstIndexOf.get(mrn) === i ? byMrn.get(mrn) : undefined;
      return row
        ? { ok: true, row }
        : { ok: false, issue: { field: 'mrn', message: mrnTakenMessage } };
    });
  }

  async function create(ctx: StaffContext, input: PatientInput): Promise<PatientDetail> {
    requirePermission(ctx, 'patients.write');
    return db.tenant(ctx.practiceId, async (tx) => {
      const [checked] = await validateManyInTx(tx, ctx.practiceId, [input]);
      if (!checked) throw new Error('validateManyInTx returned nothing');
      if (!checked.ok)
        throw checked.reason === 'mrn_taken' ? mrnConflict() : invalid(checked.issues);
      const [inserted] = await createManyInTx(tx, ctx.practiceId, [checked.patient]);
      if (!inserted?.ok) throw mrnConflict();
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'patient.create',
        entityType: 'patient',
        entityId: inserted.row.id,
        patientId: inserted.row.id,
      });
      return toDetail(inserted.row);
    });
  }

  async function get(ctx: StaffContext, id: string): Promise<PatientDetail> {
    requirePermission(ctx, 'patients.read');
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const [row] = await tx
        .select()
        .from(patients)
        .where(and(eq(patients.practiceId, ctx.practiceId), eq(patients.id, id)));
      if (!row) throw notFound('Patient');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'patient.read',
        entityType: 'patient',
        entityId: id,
        patientId: id,
      });
      return toDetail(row);
    });
  }

  async function list(
    ctx: StaffContext,
    query: z.output<typeof patientListQuery>,
  ): Promise<PatientPage> {
    requirePermission(ctx, 'patients.read');
    const search = classifyQuery(query.q);
    const now = clock.now();
    return db.tenantRead(ctx.practiceId, async (tx) => {
      const page = await searchPatients(tx, ctx.practiceId, {
        search,
        status: query.status,
        portalStatus: query.portalStatus,
        now,
        page: query.page,
        pageSize: query.pageSize,
      });
      // The query text may be PHI: the audit holds which patients were shown (ids only), never the text.
      await writeAudit(tx, staffActor(ctx), now, {
        action: 'patient.search',
        entityType: 'patient',
        details: {
          resultCount: page.rows.length,
          page: query.page,
          patientIds: page.rows.map((row) => row.id),
        },
      });
      return {
        items: page.rows.map((row) => toSummary(row, portalStatusFrom(row.invitation, now))),
        page: query.page,
        pageSize: query.pageSize,
        total: page.total,
        totalIsLowerBound: page.totalIsLowerBound,
      };
    });
  }

  /** Locks the patient for a change; refuses another practice's (404) or a stale version (409). */
  async function lockForChange(
    tx: Tx,
    ctx: StaffContext,
    id: string,
    version: number,
  ): Promise<PatientRow> {
    const [row] = await tx
      .select()
      .from(patients)
      .where(and(eq(patients.practiceId, ctx.practiceId), eq(patients.id, id)))
      .for('update');
    if (!row) throw notFound('Patient');
    if (row.version !== version) throw changedByOthers();
    return row;
  }

  async function update(
    ctx: StaffContext,
    id: string,
    input: PatientInput & { version: number },
  ): Promise<PatientDetail> {
    requirePermission(ctx, 'patients.write');
    const { version, ...fields } = input;
    return db.tenant(ctx.practiceId, async (tx) => {
      const current = await lockForChange(tx, ctx, id, version);
      const [checked] = await validateManyInTx(
        tx,
        ctx.practiceId,
        [{ ...fields, mrn: fields.mrn ?? current.mrn }],
        { exceptPatientId: id },
      );
      if (!checked) throw new Error('validateManyInTx returned nothing');
      if (!checked.ok)
        throw checked.reason === 'mrn_taken' ? mrnConflict() : invalid(checked.issues);
      const next = { ...checked.patient, mrn: checked.patient.mrn ?? current.mrn };
      const row = await tx
        .update(patients)
        .set({
          ...patientColumns(next, next.mrn),
          version: sql`${patients.version} + 1`,
          updatedAt: clock.now(),
        })
        .where(and(eq(patients.practiceId, ctx.practiceId), eq(patients.id, id)))
        .returning()
        .then(([r]) => r)
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? mrnConflict() : error;
        });
      if (!row) throw notFound('Patient');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: 'patient.update',
        entityType: 'patient',
        entityId: id,
        patientId: id,
        details: { version: row.version, changedFields: changedFields(current, next) },
      });
      return toDetail(row);
    });
  }

  /** The one function that changes a patient's status (end-date or reactivate). */
  async function changeStatus(
    ctx: StaffContext,
    id: string,
    change: StatusChangeRequest,
  ): Promise<PatientDetail> {
    requirePermission(ctx, 'patients.end_date');
    return db.tenant(ctx.practiceId, async (tx) => {
      const current = await lockForChange(tx, ctx, id, change.version);
      const problem = statusChangeProblem(statusOf(current.endDate), change.kind);
      if (problem) throw new AppError('CONFLICT', problem);
      let values: { endDate: string | null; endReason: string | null } = {
        endDate: null,
        endReason: null,
      };
      if (change.kind === 'end_date') {
        const { timeZone } = await practices.settingsInTx(tx, ctx.practiceId);
        const issue = endDateProblem(
          change.endDate,
          todayIn(timeZone, clock.now()),
          current.dateOfBirth,
        );
        if (issue) throw validation(issue, [{ path: 'body.endDate', message: issue }]);
        values = { endDate: change.endDate, endReason: change.reason };
      }
      const [row] = await tx
        .update(patients)
        .set({ ...values, version: sql`${patients.version} + 1`, updatedAt: clock.now() })
        .where(and(eq(patients.practiceId, ctx.practiceId), eq(patients.id, id)))
        .returning();
      if (!row) throw notFound('Patient');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: change.kind === 'end_date' ? 'patient.end_date' : 'patient.reactivate',
        entityType: 'patient',
        entityId: id,
        patientId: id,
        details: { version: row.version },
      });
      return toDetail(row);
    });
  }

  /**
   * The few fields another slice needs to contact a patient (invitations), read inside the
   * caller's tenant transaction; 404 for another practice's patient.
   */
  async function contactFactsInTx(
    tx: Tx,
    practiceId: string,
    patientId: string,
  ): Promise<PatientContactFacts> {
    const [row] = await tx
      .select({
        id: patients.id,
        firstName: patients.firstName,
        dateOfBirth: patients.dateOfBirth,
        endDate: patients.endDate,
        email: patients.email,
        phone: patients.phone,
      })
      .from(patients)
      .where(and(eq(patients.practiceId, practiceId), eq(patients.id, patientId)));
    if (!row) throw notFound('Patient');
    return row;
  }

  return {
    list,
    get,
    create,
    update,
    changeStatus,
    validateManyInTx,
    createManyInTx,
    contactFactsInTx,
    invitablePatientIdsInTx,
    existingPatientIdsInTx,
  };
}

export type PatientService = ReturnType<typeof createPatientService>;
