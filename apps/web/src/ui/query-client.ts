import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api-client.ts';

interface AuthMeta extends Record<string, unknown> {
  /** The caller deals with 401 itself (sign-in form, session probe). */
  skipAuthRedirect?: boolean;
}

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: Error;
    queryMeta: AuthMeta;
    mutationMeta: AuthMeta;
  }
}

/** Client errors (4xx) are answers, not hiccups: retry only network and server failures. */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/**
 * One cache for the app. Any 401 (outside callers that opt out) is reported to
 * `onUnauthorized`, which sends the user to sign in.
 */
export function createQueryClient(onUnauthorized: (error: ApiError) => void): QueryClient {
  const check = (error: Error, meta: AuthMeta | undefined) => {
    if (meta?.skipAuthRedirect) return;
    if (error instanceof ApiError && error.status === 401) onUnauthorized(error);
  };
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        check(error, query.meta);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        check(error, mutation.meta);
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
      mutations: { retry: false },
    },
  });
}
