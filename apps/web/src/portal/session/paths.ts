/** Where the portal sends people who are not (or no longer) signed in. */
export const portalSignInPath = '/portal';
export const portalHomePath = '/portal/home';

/**
 * Router state passed to the sign-in page when a session ends, so it can say why:
 * `idle` — signed out after 30 minutes without activity; `expired` — the session had already
 * ended (12-hour limit, or signed out from another device); `signed_out` — the person chose to.
 * Nothing sensitive: no email, no name, no path.
 */
export type PortalSignedOutReason = 'idle' | 'expired' | 'signed_out';
export interface PortalSignedOutState {
  signedOut?: PortalSignedOutReason;
  /** Where to go after signing in: only a message thread, opened from a notice's link. */
  returnTo?: string;
}

const returnablePath =
  /^\/portal\/messages\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The page to come back to after signing in, when it is one a notice links to; else null. */
export function returnPathOf(pathname: string): string | null {
  return returnablePath.test(pathname) ? pathname : null;
}

/** Where sign-in lands: the thread a notice linked to, or the portal home. */
export function afterSignInPath(routerState: unknown): string {
  const returnTo = (routerState as Partial<PortalSignedOutState> | null)?.returnTo;
  return (typeof returnTo === 'string' && returnPathOf(returnTo)) || portalHomePath;
}
