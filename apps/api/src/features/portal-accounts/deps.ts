import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import type { PasswordHasher } from '../../platform/auth/password-hash.ts';

export interface PortalAuthDeps {
  db: Database;
  clock: Clock;
  /** Where the web app is served; reset links point there. */
  publicUrl: string;
  /** Argon2id hashing; one per service by default. */
  passwordHasher?: PasswordHasher;
}

/** What the pieces of the portal auth service share: the deps with the hasher settled. */
export interface PortalAuthParts {
  db: Database;
  clock: Clock;
  publicUrl: string;
  hasher: PasswordHasher;
}
