/** Practice pages reachable without a session. */
export const publicPracticePaths = ['/practice/sign-in', '/practice/set-password'];

export function isPublicPracticePath(pathname: string): boolean {
  return publicPracticePaths.includes(pathname.replace(/\/+$/, ''));
}

export function signInPath(next: string | null, expired: boolean): string {
  const params = new URLSearchParams();
  if (next && safeNext(next)) params.set('next', next);
  if (expired) params.set('reason', 'expired');
  const query = params.toString();
  return query ? `/practice/sign-in?${query}` : '/practice/sign-in';
}

/** Only same-app console paths: never another origin (`//evil`) or the sign-in page itself. */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith('/practice/') || next.startsWith('//')) return null;
  if (isPublicPracticePath(next.split('?')[0] ?? '')) return null;
  return next;
}
