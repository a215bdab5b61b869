import { describe, expect, it } from 'vitest';
import { formatBytes } from './format-bytes.ts';
import { formatMessageTime } from './message-time.ts';
import { codePointLength, draftSignature } from './use-draft-key.ts';

const file = (name: string, size: number, lastModified = 1) =>
  new File([new Uint8Array(size)], name, { lastModified });

describe('draftSignature', () => {
  it('is the same for the same text and files, so a retry reuses the Idempotency-Key', () => {
    expect(draftSignature(['hi'], [file('a.png', 3)])).toBe(
      draftSignature(['hi'], [file('a.png', 3)]),
    );
  });
  it('changes when the text or a file changes', () => {
    const base = draftSignature(['hi'], [file('a.png', 3)]);
    expect(draftSignature(['hi!'], [file('a.png', 3)])).not.toBe(base);
    expect(draftSignature(['hi'], [file('a.png', 4)])).not.toBe(base);
    expect(draftSignature(['hi'], [])).not.toBe(base);
  });
});

describe('codePointLength', () => {
  it('counts an emoji (a surrogate pair) once, as the server does', () => {
    expect(codePointLength('ok 👍')).toBe(4);
  });
});

describe('formatBytes', () => {
  it('uses binary units', () => {
    expect(formatBytes(70, 'en-US')).toBe('70B');
    expect(formatBytes(10 * 1024 * 1024, 'en-US')).toBe('10 MB');
    expect(formatBytes(1536, 'en-US')).toBe('1.5 kB');
  });
});

describe('formatMessageTime', () => {
  const now = new Date('2026-11-22T16:00:00Z');
  it('shows only the time for today, in the practice time zone', () => {
    expect(formatMessageTime('2026-11-22T15:42:00Z', 'America/Chicago', 'en-US', now)).toBe(
      '9:42 AM',
    );
  });
  it('adds the date for earlier days', () => {
    expect(formatMessageTime('2026-11-20T15:42:00Z', 'America/Chicago', 'en-US', now)).toBe(
      'Nov 20, 9:42 AM',
    );
    expect(formatMessageTime('2025-11-20T15:42:00Z', 'America/Chicago', 'en-US', now)).toBe(
      'Nov 20, 2025',
    );
  });
});
