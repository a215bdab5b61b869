import { createContext, useContext } from 'react';
import type { LinkUnusableReason, RegistrationState } from '@portico/contracts';

export interface RegistrationContextValue {
  token: string;
  state: RegistrationState;
  /** When `state` arrived (epoch ms): `resendAfterSeconds` counts from here. */
  receivedAtMs: number;
  /** The link stopped working during the flow: show the plain "link unusable" page. */
  markUnusable: (reason: LinkUnusableReason) => void;
  /** Asks the server where the registration is again (e.g. tries left after a wrong DOB). */
  refresh: () => void;
}

export const RegistrationContext = createContext<RegistrationContextValue | null>(null);

export function useRegistration(): RegistrationContextValue {
  const value = useContext(RegistrationContext);
  if (!value) throw new Error('useRegistration outside RegistrationPage');
  return value;
}
