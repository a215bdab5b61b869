import { createContext, useContext } from 'react';
import type { PortalMe } from '@portico/contracts';
import type { PortalSignedOutReason } from './paths.ts';

export interface PortalSessionValue {
  me: PortalMe;
  /** Leaves the signed-in portal: clears everything cached and goes to sign-in with the reason. */
  leave: (reason: PortalSignedOutReason | null) => void;
}

export const PortalSessionContext = createContext<PortalSessionValue | null>(null);

/** The signed-in portal account; only inside PortalLayout. */
export function usePortalSession(): PortalSessionValue {
  const value = useContext(PortalSessionContext);
  if (!value) throw new Error('usePortalSession must be used inside PortalLayout');
  return value;
}

export function usePortalMe(): PortalMe {
  return usePortalSession().me;
}
