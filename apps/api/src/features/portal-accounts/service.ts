import { createPasswordHasher } from '../../platform/auth/password-hash.ts';
import type { PortalAuthDeps } from './deps.ts';
import { createPortalPasswordReset } from './password-reset.ts';
import { createPortalSessionAdmin } from './session-admin.ts';
import { createPortalSignIn } from './sign-in.ts';

export type { PortalAuthDeps } from './deps.ts';
export {
  portalMeFor,
  portalMeOfSession,
  type PortalRecord,
  type PortalSessionView,
} from './records.ts';

/** The portal's account service: sign-in, password reset and the signed-in account's sessions. */
export function createPortalAuthService({ db, clock, publicUrl, passwordHasher }: PortalAuthDeps) {
  const parts = { db, clock, publicUrl, hasher: passwordHasher ?? createPasswordHasher() };
  const { signIn, signOut } = createPortalSignIn(parts);
  const { forgotPassword, resetPassword } = createPortalPasswordReset(parts);
  const { me, listSessions, endSession, endOtherSessions, reauthenticate, switchRecord } =
    createPortalSessionAdmin(parts);
  return {
    signIn,
    me,
    signOut,
    forgotPassword,
    resetPassword,
    listSessions,
    endSession,
    endOtherSessions,
    reauthenticate,
    switchRecord,
  };
}

export type PortalAuthService = ReturnType<typeof createPortalAuthService>;
