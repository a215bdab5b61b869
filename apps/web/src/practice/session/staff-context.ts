import { createContext, useContext } from 'react';
import type { StaffMe } from '@portico/contracts';

export const StaffContext = createContext<StaffMe | null>(null);

/** The signed-in staff member; only inside RequireStaff. */
export function useStaff(): StaffMe {
  const me = useContext(StaffContext);
  if (!me) throw new Error('useStaff must be used inside RequireStaff');
  return me;
}

export function useIsAdmin(): boolean {
  return useStaff().role === 'admin';
}
