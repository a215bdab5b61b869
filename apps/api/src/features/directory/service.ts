// SCAFFOLD: replaced by the slice owner.
import type { Database } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';

export function createDirectoryService(_deps: { db: Database; clock: Clock }) {
  return {};
}
