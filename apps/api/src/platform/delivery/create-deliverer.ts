// SCAFFOLD: replaced by the delivery owner.
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Deliverer } from './deliverer.ts';

export function createDeliverer(_config: Config, _db: Database, _clock: Clock): Deliverer {
  return { deliver: () => Promise.reject(new Error('not wired')) };
}
