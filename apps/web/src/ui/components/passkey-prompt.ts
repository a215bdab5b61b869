import type {
  PublicKeyCredentialCreationOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';

/** True when this browser can create and use passkeys (WebAuthn); passkey options are hidden otherwise. */
export function passkeysSupported(): boolean {
  return typeof window !== 'undefined' && 'PublicKeyCredential' in window;
}

export type PasskeyProblem = 'cancelled' | 'already_registered' | 'failed';

/** Why the browser's passkey prompt gave no passkey, in the words the screens use. */
export function passkeyProblem(error: unknown): PasskeyProblem {
  // @simplewebauthn's WebAuthnError (loaded on use, so recognised by its code).
  if (
    error instanceof Error &&
    'code' in error &&
    error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
  )
    return 'already_registered';
  // WebAuthn reports a cancelled prompt and a timeout alike, as NotAllowedError.
  if (error instanceof Error && (error.name === 'NotAllowedError' || error.name === 'AbortError'))
    return 'cancelled';
  return 'failed';
}

/** Runs the browser's own prompt to create a passkey: its response, or why there is none. */
export async function createPasskey(
  optionsJSON: PublicKeyCredentialCreationOptionsJSON,
): Promise<{ response: RegistrationResponseJSON } | { problem: PasskeyProblem }> {
  try {
    const { startRegistration } = await import('@simplewebauthn/browser');
    return { response: await startRegistration({ optionsJSON }) };
  } catch (error) {
    return { problem: passkeyProblem(error) };
  }
}
