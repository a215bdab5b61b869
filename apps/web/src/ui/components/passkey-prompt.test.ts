import { describe, expect, it } from 'vitest';
import { passkeyProblem } from './passkey-prompt.ts';

function named(name: string, code?: string): Error {
  const error = new Error('browser said no');
  error.name = name;
  if (code) Object.assign(error, { code });
  return error;
}

describe('passkeyProblem', () => {
  it('recognises a passkey already registered on this authenticator by its code', () => {
    expect(
      passkeyProblem(named('InvalidStateError', 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')),
    ).toBe('already_registered');
  });

  it('treats a cancelled or timed-out prompt alike', () => {
    expect(passkeyProblem(named('NotAllowedError'))).toBe('cancelled');
    expect(passkeyProblem(named('AbortError'))).toBe('cancelled');
  });

  it('calls anything else a failure', () => {
    expect(passkeyProblem(named('SecurityError'))).toBe('failed');
    expect(passkeyProblem('not an error')).toBe('failed');
  });
});
