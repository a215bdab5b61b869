import { and, eq } from 'drizzle-orm';
import type { MessagingSettings, messagingSettingsUpdate } from '@portico/contracts';
import type { z } from 'zod';
import type { Tx } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { messagingSettings } from './tables.ts';

/** POLICY.md defaults, in force until a practice saves its own. */
export const defaultMessagingSettings: MessagingSettings = {
  policy: 'practice_only',
  autoCloseHours: 48,
  guidelineBanner: '',
  version: 1,
};

export async function messagingSettingsInTx(
  tx: Tx,
  practiceId: string,
): Promise<MessagingSettings> {
  const [row] = await tx
    .select()
    .from(messagingSettings)
    .where(eq(messagingSettings.practiceId, practiceId));
  return row
    ? {
        policy: row.policy,
        autoCloseHours: row.autoCloseHours,
        guidelineBanner: row.guidelineBanner,
        version: row.version,
      }
    : defaultMessagingSettings;
}

/**
 * Saves the practice's settings if `version` is still the current one (optimistic concurrency:
 * two admins editing at once → the second gets CONFLICT). Returns the before and after.
 */
export async function saveMessagingSettingsInTx(
  tx: Tx,
  practiceId: string,
  input: z.output<typeof messagingSettingsUpdate>,
  now: Date,
): Promise<{ before: MessagingSettings; after: MessagingSettings }> {
  const before = await messagingSettingsInTx(tx, practiceId);
  if (before.version !== input.version) {
    throw new AppError(
      'CONFLICT',
      'Someone changed these settings after you opened them. Reload them and make your change again.',
    );
  }
  const values = {
    policy: input.policy,
    autoCloseHours: input.autoCloseHours,
    guidelineBanner: input.guidelineBanner,
    version: before.version + 1,
    updatedAt: now,
  };
  const updated = await tx
    .update(messagingSettings)
    .set(values)
    .where(
      and(
        eq(messagingSettings.practiceId, practiceId),
        eq(messagingSettings.version, input.version),
      ),
    )
    .returning({ version: messagingSettings.version });
  if (updated.length === 0) {
    // No row yet (defaults): the first save inserts; a concurrent first save hits the key.
    const inserted = await tx
      .insert(messagingSettings)
      .values({ practiceId, ...values })
      .onConflictDoNothing()
      .returning({ version: messagingSettings.version });
    if (inserted.length === 0) {
      throw new AppError(
        'CONFLICT',
        'Someone changed these settings after you opened them. Reload them and make your change again.',
      );
    }
  }
  const { updatedAt: _, ...after } = values;
  return { before, after };
}
