import { and, asc, eq, inArray } from 'drizzle-orm';
import type { z } from 'zod';
import type { Location, locationInput, Provider, providerInput } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { writeAudit, staffActor } from '../../platform/audit/audit.ts';
import { notFound, validation } from '../../platform/errors.ts';
import { canonicalTimeZone } from './rules.ts';
import { locations, providers } from './tables.ts';

export type ProviderInput = z.output<typeof providerInput>;
export type LocationInput = z.output<typeof locationInput>;

export interface NamedRef {
  id: string;
  name: string;
}

export interface DirectoryDeps {
  db: Database;
  clock: Clock;
}

/** Providers and locations of a practice. Not PHI: any staff member may read; admins change them. */
export function createDirectoryService({ db, clock }: DirectoryDeps) {
  async function listProviders(ctx: StaffContext): Promise<Provider[]> {
    const rows = await db.tenant(ctx.practiceId, (tx) =>
      tx
        .select()
        .from(providers)
        .where(eq(providers.practiceId, ctx.practiceId))
        .orderBy(asc(providers.displayName), asc(providers.id)),
    );
    return rows.map(toProvider);
  }

  async function saveProvider(
    ctx: StaffContext,
    id: string | null,
    input: ProviderInput,
  ): Promise<Provider> {
    requirePermission(ctx, 'directory.write');
    const values = {
      displayName: input.displayName,
      credentials: blankToNull(input.credentials),
      specialty: blankToNull(input.specialty),
      active: input.active,
    };
    return db.tenant(ctx.practiceId, async (tx) => {
      const [row] = id
        ? await tx
            .update(providers)
            .set(values)
            .where(and(eq(providers.practiceId, ctx.practiceId), eq(providers.id, id)))
            .returning()
        : await tx
            .insert(providers)
            .values({ ...values, practiceId: ctx.practiceId, createdAt: clock.now() })
            .returning();
      if (!row) throw notFound('Provider');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: id ? 'provider.update' : 'provider.create',
        entityType: 'provider',
        entityId: row.id,
      });
      return toProvider(row);
    });
  }

  async function listLocations(ctx: StaffContext): Promise<Location[]> {
    const rows = await db.tenant(ctx.practiceId, (tx) =>
      tx
        .select()
        .from(locations)
        .where(eq(locations.practiceId, ctx.practiceId))
        .orderBy(asc(locations.name), asc(locations.id)),
    );
    return rows.map(toLocation);
  }

  async function saveLocation(
    ctx: StaffContext,
    id: string | null,
    input: LocationInput,
  ): Promise<Location> {
    requirePermission(ctx, 'directory.write');
    const timeZone = canonicalTimeZone(input.timeZone);
    if (!timeZone) {
      const message = 'Choose a time zone from the list, such as America/Chicago.';
      throw validation(message, [{ path: 'body.timeZone', message }]);
    }
    const values = {
      name: input.name,
      addressLine1: blankToNull(input.addressLine1),
      city: blankToNull(input.city),
      region: blankToNull(input.region),
      postalCode: blankToNull(input.postalCode),
      phone: blankToNull(input.phone),
      timeZone,
      active: input.active,
    };
    return db.tenant(ctx.practiceId, async (tx) => {
      const [row] = id
        ? await tx
            .update(locations)
            .set(values)
            .where(and(eq(locations.practiceId, ctx.practiceId), eq(locations.id, id)))
            .returning()
        : await tx
            .insert(locations)
            .values({ ...values, practiceId: ctx.practiceId, createdAt: clock.now() })
            .returning();
      if (!row) throw notFound('Location');
      await writeAudit(tx, staffActor(ctx), clock.now(), {
        action: id ? 'location.update' : 'location.create',
        entityType: 'location',
        entityId: row.id,
      });
      return toLocation(row);
    });
  }

  /**
   * Inside the caller's tenant transaction: which of these provider / location ids are not the
   * practice's (another practice's rows are invisible under row-level security). One query per
   * table, however many ids.
   */
  async function missingReferencesInTx(
    tx: Tx,
    practiceId: string,
    refs: { providerIds: readonly string[]; locationIds: readonly string[] },
  ): Promise<{ providerIds: Set<string>; locationIds: Set<string> }> {
    return {
      providerIds: await missingIdsInTx(tx, providers, practiceId, refs.providerIds),
      locationIds: await missingIdsInTx(tx, locations, practiceId, refs.locationIds),
    };
  }

  /** Inside the caller's tenant transaction: the active providers and locations, by name. */
  async function activeDirectoryInTx(
    tx: Tx,
    practiceId: string,
  ): Promise<{ providers: NamedRef[]; locations: NamedRef[] }> {
    const [activeProviders, activeLocations] = [
      await tx
        .select({ id: providers.id, name: providers.displayName })
        .from(providers)
        .where(and(eq(providers.practiceId, practiceId), eq(providers.active, true)))
        .orderBy(asc(providers.displayName)),
      await tx
        .select({ id: locations.id, name: locations.name })
        .from(locations)
        .where(and(eq(locations.practiceId, practiceId), eq(locations.active, true)))
        .orderBy(asc(locations.name)),
    ];
    return { providers: activeProviders, locations: activeLocations };
  }

  return {
    listProviders,
    saveProvider,
    listLocations,
    saveLocation,
    missingReferencesInTx,
    activeDirectoryInTx,
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

function toProvider(row: typeof providers.$inferSelect): Provider {
  return {
    id: row.id,
    displayName: row.displayName,
    credentials: row.credentials,
    specialty: row.specialty,
    active: row.active,
  };
}

function toLocation(row: typeof locations.$inferSelect): Location {
  return {
    id: row.id,
    name: row.name,
    addressLine1: row.addressLine1,
    city: row.city,
    region: row.region,
    postalCode: row.postalCode,
    phone: row.phone,
    timeZone: row.timeZone,
    active: row.active,
  };
}

/** Which of these ids are not rows of the practice in `table`: one query, none for no ids. */
async function missingIdsInTx(
  tx: Tx,
  table: typeof providers | typeof locations,
  practiceId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const found = await tx
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.practiceId, practiceId), inArray(table.id, wanted)));
  const present = new Set(found.map((row) => row.id));
  return new Set(wanted.filter((id) => !present.has(id)));
}
