/**
 * Message rules shared by the API and the portal (POLICY.md "Messaging"): how a body's length is
 * counted, and card numbers (the API refuses them; the portal warns before sending). Tested in apps/api/src/features/messaging/rules.test.ts.
 */

/** Luhn checksum of a string of digits. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * True when the text holds a Luhn-valid card number: 13–19 digits, typed whole or in groups
 * separated by single spaces or dashes. Every run of consecutive groups is tried, so a number
 * next to another one ("ref 12 4111 1111 1111 1111") is still found; other lengths (phone
 * numbers, dates) never match.
 */
export function containsCardNumber(text: string): boolean {
  for (const match of text.matchAll(/\d+(?:[ -]\d+)*/g)) {
    const groups = match[0].split(/[ -]/);
    for (let first = 0; first < groups.length; first++) {
      let digits = '';
      for (let last = first; last < groups.length && digits.length < 19; last++) {
        digits += groups[last] ?? '';
        if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

/** Length in Unicode code points (a surrogate pair, e.g. an emoji, counts once), as POLICY.md counts. */
export function codePoints(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}
