import { describe, expect, it } from 'vitest';
import { afterSignInPath, returnPathOf } from './paths.ts';

const thread = '/portal/messages/3f1c2a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b';

describe('where sign-in lands', () => {
  it('returns to a message thread a notice linked to', () => {
    expect(returnPathOf(thread)).toBe(thread);
    expect(afterSignInPath({ returnTo: thread })).toBe(thread);
  });

  it('goes home for anything else: other pages, other sites, odd values', () => {
    for (const other of [
      '/portal/security',
      '/portal/messages/new',
      `${thread}/../../practice`,
      'https://evil.example/portal/messages/3f1c2a9e-8b7d-4c6e-9a1b-2c3d4e5f6a7b',
      `//evil.example${thread}`,
    ]) {
      expect(returnPathOf(other)).toBeNull();
      expect(afterSignInPath({ returnTo: other })).toBe('/portal/home');
    }
    expect(afterSignInPath(null)).toBe('/portal/home');
    expect(afterSignInPath({ returnTo: 42 })).toBe('/portal/home');
    expect(afterSignInPath({ signedOut: 'idle' })).toBe('/portal/home');
  });
});
