import {
  attachmentLimits,
  codePoints,
  containsCardNumber,
  messageBodyLimits,
} from '@portico/contracts';

export { codePoints };

/** A patient's message: at most this many characters (Unicode code points, as the API counts). */
export const bodyLimit = messageBodyLimits.patient;

/** Characters left before which the counter starts speaking, then each step below it. */
const spokenThresholds = [100, 50, 20, 10, 0] as const;

/**
 * What a screen reader should hear of the counter: nothing far from the limit, then only when
 * a threshold is crossed (100, 50, 20, 10 left, at the limit), and "over" beyond it.
 */
export function counterMilestone(length: number, limit: number): number | 'over' | null {
  const left = limit - length;
  if (left < 0) return 'over';
  const crossed = spokenThresholds.filter((step) => left <= step);
  return crossed.length === 0 ? null : (crossed[crossed.length - 1] ?? null);
}

export type FileProblem = 'too_many' | 'too_large' | 'total_too_large' | 'type';

/** Extensions and types the practice accepts (the server decides from the content). */
const acceptedExtensions = ['.pdf', '.jpg', '.jpeg', '.png', '.heic', '.heif'];

export function looksAccepted(file: { name: string; type: string }): boolean {
  const mimeTypes: readonly string[] = attachmentLimits.mimeTypes;
  if (mimeTypes.includes(file.type)) return true;
  const name = file.name.toLowerCase();
  return acceptedExtensions.some((ext) => name.endsWith(ext));
}

/**
 * Adds picked files to those already chosen, keeping the limits of POLICY.md: files past the
 * tenth, over 10 MB, of another type, or past 25 MB in all are left out, and the first reason
 * is reported.
 */
export function addFiles<F extends { name: string; type: string; size: number }>(
  chosen: readonly F[],
  picked: readonly F[],
): { files: F[]; problem: FileProblem | null } {
  const files = [...chosen];
  let total = files.reduce((sum, f) => sum + f.size, 0);
  let problem: FileProblem | null = null;
  for (const file of picked) {
    let why: FileProblem | null = null;
    if (files.length >= attachmentLimits.perMessage) why = 'too_many';
    else if (!looksAccepted(file)) why = 'type';
    else if (file.size > attachmentLimits.bytesEach) why = 'too_large';
    else if (total + file.size > attachmentLimits.bytesPerMessage) why = 'total_too_large';
    if (why) {
      problem ??= why;
      continue;
    }
    files.push(file);
    total += file.size;
  }
  return { files, problem };
}

/** Why the draft cannot be sent yet, or null. */
export function draftProblem(body: string): 'empty' | 'too_long' | 'card_number' | null {
  if (body.trim() === '') return 'empty';
  if (codePoints(body) > bodyLimit) return 'too_long';
  return containsCardNumber(body) ? 'card_number' : null;
}

/** `1.2 MB`, `340 KB`: file sizes for people. */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit] ?? 'B'}`;
}
