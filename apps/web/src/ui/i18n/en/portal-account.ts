/** The signed-in portal: home, security (second factors, passkeys), devices and sessions. */
export const portalAccount = {};
