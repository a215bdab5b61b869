/** LIKE patterns built from user text: `\`, `%` and `_` are escaped so they match literally. */

/** Escapes `\`, `%` and `_` so user text matches literally inside a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching values that start with `prefix`, its wildcards taken literally. */
export function likePrefixPattern(prefix: string): string {
  return `${escapeLike(prefix)}%`;
}

/** A LIKE pattern matching values that contain `text`, its wildcards taken literally. */
export function likeContainsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
