import { and, asc, eq, sql } from 'drizzle-orm';
import type { PublicPractice, StaffMember, StaffRole } from '@portico/contracts';
import type { Database, Tx } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { StaffContext } from '../../platform/auth/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/auth/roles.ts';
import { practices } from './tables.ts';
import { staffMemberships, staffUsers } from '../staff-auth/tables.ts';

export interface NewPractice {
  name: string;
  slug: string;
  timeZone?: string;
  phone?: string | null;
  adminEmail: string;
  adminName: string;
  /** Already hashed; when absent the admin must set a password from a one-time link. */
  adminPasswordHash?: string | null;
  /**
   * Make an existing staff account (same email) the admin, keeping its password. Without it an
   * existing email is refused, so creating a practice never takes over someone's account.
   */
  allowExistingAdmin?: boolean;
}

/** The practice settings other slices' rules depend on. */
export interface PracticeSettings {
  name: string;
  slug: string;
  timeZone: string;
  mrnPrefix: string;
  invitationLifetimeHours: number;
}

export function createPracticeService({ db }: { db: Database; clock: Clock }) {
  async function getPublic(slug: string): Promise<PublicPractice> {
    const [row] = await db.system((tx) =>
      tx.select().from(practices).where(eq(practices.slug, slug)),
    );
    if (!row) throw notFound('Practice');
    return { slug: row.slug, name: row.name, logoUrl: row.logoUrl, phone: row.phone };
  }

  /**
   * Creates a practice and its first admin. Refuses a slug that is taken, and an admin email that
   * already has a staff account unless `allowExistingAdmin` (then `adminIsNew` is false).
   */
  async function create(
    input: NewPractice,
  ): Promise<{ practiceId: string; adminUserId: string; adminIsNew: boolean }> {
    const adminEmail = input.adminEmail.toLowerCase();
    return db.system(async (tx) => {
      const [taken] = await tx
        .select({ id: practices.id })
        .from(practices)
        .where(eq(practices.slug, input.slug));
      if (taken)
        throw new AppError(
          'CONFLICT',
          `A practice with the address "${input.slug}" already exists.`,
        );
      const [existing] = await tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(sql`lower(${staffUsers.email}) = ${adminEmail}`);
      if (existing && !input.allowExistingAdmin)
        throw new AppError(
          'CONFLICT',
          'A staff account with this email already exists. To make that person the admin of the new practice as well (keeping their password), ask for it explicitly (create-practice --existing-admin).',
        );
      const [practice] = await tx
        .insert(practices)
        .values({
          name: input.name,
          slug: input.slug,
          timeZone: input.timeZone ?? 'America/New_York',
          phone: input.phone ?? null,
        })
        .returning();
      if (!practice) throw new Error('practice insert returned nothing');
      const admin =
        existing ??
        (
          await tx
            .insert(staffUsers)
            .values({
              email: adminEmail,
              displayName: input.adminName,
              passwordHash: input.adminPasswordHash ?? null,
            })
            .returning({ id: staffUsers.id })
        )[0];
      if (!admin) throw new Error('staff insert returned nothing');
      await tx
        .insert(staffMemberships)
        .values({ practiceId: practice.id, staffUserId: admin.id, role: 'admin' });
      return { practiceId: practice.id, adminUserId: admin.id, adminIsNew: !existing };
    });
  }

  async function addStaff(
    practiceId: string,
    member: { email: string; displayName: string; role: StaffRole; passwordHash: string | null },
  ): Promise<string> {
    return db.system(async (tx) => {
      const [user] = await tx
        .insert(staffUsers)
        .values({
          email: member.email.toLowerCase(),
          displayName: member.displayName,
          passwordHash: member.passwordHash,
        })
        .returning({ id: staffUsers.id });
      if (!user) throw new Error('staff insert returned nothing');
      await tx
        .insert(staffMemberships)
        .values({ practiceId, staffUserId: user.id, role: member.role });
      return user.id;
    });
  }

  async function listStaff(ctx: StaffContext): Promise<StaffMember[]> {
    requirePermission(ctx, 'staff.read');
    const rows = await db.system((tx) =>
      tx
        .select({ user: staffUsers, role: staffMemberships.role, active: staffMemberships.active })
        .from(staffMemberships)
        .innerJoin(staffUsers, eq(staffUsers.id, staffMemberships.staffUserId))
        .where(eq(staffMemberships.practiceId, ctx.practiceId))
        .orderBy(asc(staffUsers.displayName)),
    );
    return rows.map((r) => ({
      id: r.user.id,
      displayName: r.user.displayName,
      email: r.user.email,
      role: r.role,
      active: r.active,
    }));
  }

  /** A staff member's email and name, for notifications addressed to them (system-level lookup). */
  async function staffContact(
    staffUserId: string,
  ): Promise<{ email: string; displayName: string } | null> {
    const [row] = await db.system((tx) =>
      tx
        .select({ email: staffUsers.email, displayName: staffUsers.displayName })
        .from(staffUsers)
        .where(eq(staffUsers.id, staffUserId)),
    );
    return row ?? null;
  }

  /** The practice's active staff (system-level lookup): assignment checks and staff notices. */
  async function activeStaffOf(
    practiceId: string,
  ): Promise<{ id: string; email: string; displayName: string; role: StaffRole }[]> {
    const rows = await db.system((tx) =>
      tx
        .select({
          id: staffUsers.id,
          email: staffUsers.email,
          displayName: staffUsers.displayName,
          role: staffMemberships.role,
        })
        .from(staffMemberships)
        .innerJoin(staffUsers, eq(staffUsers.id, staffMemberships.staffUserId))
        .where(and(eq(staffMemberships.practiceId, practiceId), eq(staffMemberships.active, true))),
    );
    return rows;
  }

  /**
   * Inside the caller's tenant transaction: the practice's settings. `portico_app` may read these
   * columns of `practices` (drizzle/0003_narrow_app_grants.sql).
   */
  async function settingsInTx(tx: Tx, practiceId: string): Promise<PracticeSettings> {
    const [row] = await tx
      .select({
        name: practices.name,
        slug: practices.slug,
        timeZone: practices.timeZone,
        mrnPrefix: practices.mrnPrefix,
        invitationLifetimeHours: practices.invitationLifetimeHours,
      })
      .from(practices)
      .where(eq(practices.id, practiceId));
    if (!row) throw notFound('Practice');
    return row;
  }

  async function count(): Promise<number> {
    const rows = await db.system((tx) => tx.select({ id: practices.id }).from(practices).limit(1));
    return rows.length;
  }

  return {
    getPublic,
    create,
    addStaff,
    listStaff,
    staffContact,
    activeStaffOf,
    settingsInTx,
    count,
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
