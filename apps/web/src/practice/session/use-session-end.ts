import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../ui/api-client.ts';
import { signInPath } from './paths.ts';

/** Router state of the sign-in page: the API's own words for why the last session ended. */
export interface SignInNotice {
  notice?: string;
}

/**
 * For the second-factor screens: when an answer says the session is over (the 5th wrong code,
 * expiry, signed out elsewhere), goes back to sign in, showing the server's message, and returns
 * true. MFA_REQUIRED is not an ended session.
 */
export function useSessionEnd(): (error: unknown) => boolean {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  return (error) => {
    if (!isApiError(error) || error.status !== 401 || error.code === 'MFA_REQUIRED') return false;
    const state: SignInNotice = { notice: error.message };
    const navigated = navigate(
      signInPath(location.pathname + location.search, error.code === 'SESSION_EXPIRED'),
      { replace: true, state },
    );
    void Promise.resolve(navigated).then(() => {
      queryClient.clear();
    });
    return true;
  };
}
