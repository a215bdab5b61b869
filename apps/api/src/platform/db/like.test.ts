import { describe, expect, it } from 'vitest';
import { escapeLike, likeContainsPattern, likePrefixPattern } from './like.ts';

describe('escapeLike', () => {
  it('escapes LIKE wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
    expect(escapeLike('plain text')).toBe('plain text');
  });
});

describe('likePrefixPattern', () => {
  it('matches the prefix literally', () => {
    expect(likePrefixPattern('patient.')).toBe('patient.%');
    expect(likePrefixPattern('50%_off\\')).toBe('50\\%\\_off\\\\%');
  });
});

describe('likeContainsPattern', () => {
  it('matches the text literally anywhere', () => {
    expect(likeContainsPattern('555')).toBe('%555%');
    expect(likeContainsPattern('a_b%')).toBe('%a\\_b\\%%');
  });
});
