import { completeStaffSecondFactor, cookieSender } from '../e2e/support/staff-mfa.ts';

/** Signs a demo staff member in over HTTP and returns the session cookie (name=value). */
export async function staffSignIn(baseUrl: string, email: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/practice/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email, password: 'harbor-lantern-sunrise-47' }),
  });
  if (res.status !== 200) throw new Error(`staff sign-in: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  // Staff MFA is mandatory: set up an authenticator app (first sign-in) or give a code.
  await completeStaffSecondFactor(cookieSender(baseUrl, cookie));
  return cookie;
}
