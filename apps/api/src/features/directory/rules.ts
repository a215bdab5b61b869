/** Pure decisions about the practice directory (providers and locations). */

const zoneName = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

/**
 * The canonical spelling of an IANA time zone name, or null when the runtime does not know it.
 * Offsets such as "+05:00" are refused: a location needs a zone with daylight-saving rules.
 */
export function canonicalTimeZone(name: string): string | null {
  if (!zoneName.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
