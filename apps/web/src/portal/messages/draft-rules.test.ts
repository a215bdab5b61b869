import { describe, expect, it } from 'vitest';
import {
  addFiles,
  codePoints,
  counterMilestone,
  draftProblem,
  formatBytes,
} from './draft-rules.ts';

const mb = 1024 * 1024;
const file = (name: string, size = 1000, type = 'image/jpeg') => ({ name, size, type });

describe('draftProblem', () => {
  it('refuses a blank draft, one over 1000 characters, and one holding a card number', () => {
    expect(draftProblem('  \n ')).toBe('empty');
    expect(draftProblem('a'.repeat(1000))).toBeNull();
    expect(draftProblem('a'.repeat(1001))).toBe('too_long');
    expect(draftProblem('Card 4111 1111 1111 1111')).toBe('card_number');
  });

  it('counts an emoji as one character', () => {
    expect(codePoints('😀😀')).toBe(2);
    expect(draftProblem('😀'.repeat(1000))).toBeNull();
  });
});

describe('counterMilestone', () => {
  it('is silent far from the limit, then speaks at 100, 50, 20, 10 and 0 left', () => {
    expect(counterMilestone(0, 1000)).toBeNull();
    expect(counterMilestone(899, 1000)).toBeNull();
    expect(counterMilestone(900, 1000)).toBe(100);
    expect(counterMilestone(949, 1000)).toBe(100);
    expect(counterMilestone(950, 1000)).toBe(50);
    expect(counterMilestone(985, 1000)).toBe(20);
    expect(counterMilestone(995, 1000)).toBe(10);
    expect(counterMilestone(1000, 1000)).toBe(0);
    expect(counterMilestone(1001, 1000)).toBe('over');
  });
});

describe('addFiles', () => {
  it('keeps at most 10 files and says why the rest were left out', () => {
    const chosen = Array.from({ length: 9 }, (_, i) => file(`p${i}.jpg`));
    const result = addFiles(chosen, [file('a.jpg'), file('b.jpg')]);
    expect(result.files).toHaveLength(10);
    expect(result.problem).toBe('too_many');
  });

  it('leaves out files over 10 MB, past 25 MB in all, or of another type', () => {
    expect(addFiles([], [file('big.jpg', 11 * mb)])).toEqual({ files: [], problem: 'too_large' });
    const three = [file('a.pdf', 9 * mb, 'application/pdf'), file('b.png', 9 * mb, 'image/png')];
    const result = addFiles(three, [file('c.jpg', 9 * mb)]);
    expect(result.files).toHaveLength(2);
    expect(result.problem).toBe('total_too_large');
    expect(addFiles([], [file('run.exe', 10, 'application/x-msdownload')]).problem).toBe('type');
  });

  it('accepts phone photos by extension when the browser gives no type', () => {
    expect(addFiles([], [file('IMG_0001.HEIC', 2 * mb, '')]).files).toHaveLength(1);
  });
});

describe('formatBytes', () => {
  it('says bytes, kilobytes and megabytes', () => {
    expect(formatBytes(500, 'en')).toBe('500 B');
    expect(formatBytes(2048, 'en')).toBe('2 KB');
    expect(formatBytes(1.5 * mb, 'en')).toBe('1.5 MB');
  });
});
