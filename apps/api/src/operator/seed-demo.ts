import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../platform/db/database.ts';
import type { Services } from '../app-context.ts';
import { hashPassword } from '../platform/auth/password-hash.ts';
import { locations, providers } from '../features/directory/tables.ts';
import { mrnCounters, patients } from '../features/patients/tables.ts';
import { invitations } from '../features/invitations/tables.ts';
import { portalAccess, portalAccounts } from '../features/portal-accounts/tables.ts';
import { hashToken, newToken } from '../platform/tokens.ts';
import { fakePerson, seededRandom } from './fake-people.ts';
import { messagingSettings } from '../features/messaging/tables.ts';
import { startThreadAsStaff } from '../features/messaging/thread-writes.ts';

export const demoPractice = {
  name: 'Demo Physical Therapy',
  slug: 'demo-pt',
  timeZone: 'America/Chicago',
} as const;
/** Fictional accounts for the embedded demo only; printed at start-up. */
export const demoPassword = 'harbor-lantern-sunrise-47';
export const demoStaff = [
  { email: 'admin@demo-pt.example', displayName: 'Alex Admin', role: 'admin' },
  { email: 'clinician@demo-pt.example', displayName: 'Casey Clinician', role: 'clinician' },
  { email: 'frontdesk@demo-pt.example', displayName: 'Frankie Frontdesk', role: 'front_desk' },
] as const;
/** A demo patient (MRN P000001) who has already registered, to try the portal straight away. */
export const demoPatientAccount = { email: 'patient@demo-pt.example', mrn: 'P000001' } as const;

export async function seedDemoPractice(
  services: Services,
  db: Database,
  patientCount = 50,
): Promise<{ practiceId: string }> {
  const passwordHash = await hashPassword(demoPassword);
  const [admin, ...others] = demoStaff;
  const { practiceId } = await services.practices.create({
    ...demoPractice,
    phone: '+1 (217) 555-0100',
    adminEmail: admin.email,
    adminName: admin.displayName,
    adminPasswordHash: passwordHash,
  });
  for (const member of others)
    await services.practices.addStaff(practiceId, { ...member, passwordHash });
  await db.tenant(practiceId, async (tx) => {
    const providerRows = await tx
      .insert(providers)
      .values([
        {
          practiceId,
          displayName: 'Dr. Jordan Rivera',
          credentials: 'PT, DPT',
          specialty: 'Orthopedic physical therapy',
        },
        {
          practiceId,
          displayName: 'Samantha Lee',
          credentials: 'PT, DPT, OCS',
          specialty: 'Sports rehabilitation',
        },
        {
          practiceId,
          displayName: 'Marcus Bell',
          credentials: 'PTA',
          specialty: 'Post-surgical rehabilitation',
        },
      ])
      .returning({ id: providers.id });
    const locationRows = await tx
      .insert(locations)
      .values([
        {
          practiceId,
          name: 'Downtown Clinic',
          addressLine1: '120 Main St',
          city: 'Springfield',
          region: 'IL',
          postalCode: '62701',
          phone: '+1 (217) 555-0101',
          timeZone: 'America/Chicago',
        },
        {
          practiceId,
          name: 'Westside Clinic',
          addressLine1: '4400 Wabash Ave',
          city: 'Springfield',
          region: 'IL',
          postalCode: '62711',
          phone: '+1 (217) 555-0102',
          timeZone: 'America/Chicago',
        },
      ])
      .returning({ id: locations.id });
    await insertFakePatients(tx, practiceId, patientCount, 0, {
      providerIds: providerRows.map((p) => p.id),
      locationIds: locationRows.map((l) => l.id),
    });
  });
  if (patientCount > 0) {
    await registerDemoPatient(db, practiceId, passwordHash);
    await seedDemoMessages(services, db, practiceId);
  }
  return { practiceId };
}

/** The demo patient's portal account, as a completed registration would leave it. */
async function registerDemoPatient(db: Database, practiceId: string, passwordHash: string) {
  const now = new Date();
  await db.system(async (tx) => {
    const [patient] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(
        sql`${patients.practiceId} = ${practiceId} and ${patients.mrn} = ${demoPatientAccount.mrn}`,
      );
    if (!patient) throw new Error('demo patient not found');
    const [account] = await tx
      .insert(portalAccounts)
      .values({
        email: demoPatientAccount.email,
        emailVerifiedAt: now,
        passwordHash,
        termsAcceptedAt: now,
        createdAt: now,
      })
      .returning({ id: portalAccounts.id });
    if (!account) throw new Error('demo account insert returned nothing');
    await tx
      .insert(portalAccess)
      .values({ practiceId, patientId: patient.id, accountId: account.id, createdAt: now });
    await tx.insert(invitations).values({
      practiceId,
      patientId: patient.id,
      tokenHash: hashToken(newToken()),
      channels: ['email'],
      sentAt: now,
      expiresAt: new Date(now.getTime() + 7 * 86_400_000),
      openedAt: now,
      registrationStep: 4,
      completedAt: now,
    });
  });
}

/** A guideline banner and a first conversation for the demo patient, so Messages is not empty. */
async function seedDemoMessages(services: Services, db: Database, practiceId: string) {
  const staff = await services.practices.activeStaffOf(practiceId);
  const clinician = staff.find((s) => s.role === 'clinician');
  if (!clinician) throw new Error('demo clinician not found');
  const now = new Date();
  await db.tenant(practiceId, async (tx) => {
    await tx.insert(messagingSettings).values({
      practiceId,
      guidelineBanner:
        'We reply within 2 business days. For an emergency, call 911; for urgent questions, call the clinic.',
      updatedAt: now,
    });
    const [patient] = await tx
      .select({ id: patients.id, providerId: patients.primaryProviderId })
      .from(patients)
      .where(
        sql`${patients.practiceId} = ${practiceId} and ${patients.mrn} = ${demoPatientAccount.mrn}`,
      );
    if (!patient) throw new Error('demo patient not found');
    await startThreadAsStaff(tx, {
      practiceId,
      staffUserId: clinician.id,
      patientId: patient.id,
      subject: 'Welcome to your patient portal',
      body: 'Welcome! You can read messages from our team here and reply whenever you need to. Your home exercise program will appear here too.',
      providerId: patient.providerId,
      locationId: null,
      now,
    });
  });
}

/** Bulk-inserts fictional patients (demo and benchmarks), numbering MRNs after `offset`. */
export async function insertFakePatients(
  tx: Tx,
  practiceId: string,
  count: number,
  offset: number,
  refs: { providerIds: string[]; locationIds: string[] },
): Promise<void> {
  const random = seededRandom(20_260_101 + offset);
  const batch = 1000;
  for (let start = 0; start < count; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const n = offset + i + 1;
      const p = fakePerson(random, n);
      rows.push({
        practiceId,
        mrn: `P${String(n).padStart(6, '0')}`,
        ...p,
        phoneDigits: p.phone ? p.phone.replace(/\D/g, '') : null,
        primaryProviderId: refs.providerIds[n % Math.max(1, refs.providerIds.length)] ?? null,
        primaryLocationId: refs.locationIds[n % Math.max(1, refs.locationIds.length)] ?? null,
      });
    }
    await tx.insert(patients).values(rows);
  }
  await tx
    .insert(mrnCounters)
    .values({ practiceId, lastValue: offset + count })
    .onConflictDoUpdate({
      target: mrnCounters.practiceId,
      set: { lastValue: sql`greatest(${mrnCounters.lastValue}, ${offset + count})` },
    });
}
