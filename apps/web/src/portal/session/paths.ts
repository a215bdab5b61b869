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
  signedOut: PortalSignedOutReason;
}
