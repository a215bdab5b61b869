import { eq } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { practices } from '../practices/tables.ts';

export interface PracticeSettings {
  timeZone: string;
  mrnPrefix: string;
}

/**
 * The practice settings patient rules depend on. Reads the tenant row directly: the practices
 * slice has no in-transaction lookup by id yet (see the slice report).
 */
export async function practiceSettingsInTx(tx: Tx, practiceId: string): Promise<PracticeSettings> {
  const [row] = await tx
    .select({ timeZone: practices.timeZone, mrnPrefix: practices.mrnPrefix })
    .from(practices)
    .where(eq(practices.id, practiceId));
  if (!row) throw notFound('Practice');
  return row;
}
