import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';

/** Common and breached-style passwords (the zxcvbn dictionaries), built once per process. */
const strength = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

export const passwordMinLength = 15;
export const passwordMaxLength = 128;

export type PasswordProblem =
  | { code: 'too_short'; minLength: number }
  | { code: 'too_long'; maxLength: number }
  | { code: 'contains_context'; what: 'email' | 'practice_name' | 'name' }
  | { code: 'too_common'; suggestion: string | null };

export interface PasswordContext {
  email?: string | null;
  practiceName?: string | null;
  names?: string[];
}

export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

const codePoints = (s: string) => Array.from(s).length;

/** POLICY.md: ≥ 15 code points (NFKC), ≤ 128, no composition rules, no common or contextual passwords. */
export function checkPassword(
  password: string,
  context: PasswordContext = {},
): PasswordProblem | null {
  const normalised = normalisePassword(password);
  const length = codePoints(normalised);
  if (length < passwordMinLength) return { code: 'too_short', minLength: passwordMinLength };
  if (length > passwordMaxLength) return { code: 'too_long', maxLength: passwordMaxLength };
  const lower = normalised.toLowerCase();
  const local = context.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 3 && lower.includes(local))
    return { code: 'contains_context', what: 'email' };
  const practiceWords = (context.practiceName ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4);
  if (practiceWords.some((w) => lower.includes(w)))
    return { code: 'contains_context', what: 'practice_name' };
  if ((context.names ?? []).some((n) => n.length >= 3 && lower.includes(n.toLowerCase()))) {
    return { code: 'contains_context', what: 'name' };
  }
  const userInputs = [local, ...(context.names ?? []), ...practiceWords].filter(
    (v): v is string => !!v,
  );
  const result = strength.check(normalised, userInputs);
  if (result.score < 3) return { code: 'too_common', suggestion: result.feedback.warning ?? null };
  return null;
}

export function describePasswordProblem(problem: PasswordProblem): string {
  switch (problem.code) {
    case 'too_short':
      return `Use at least ${problem.minLength} characters. A few unrelated words make a strong, memorable password.`;
    case 'too_long':
      return `Use at most ${problem.maxLength} characters.`;
    case 'contains_context':
      return problem.what === 'email'
        ? 'Do not build your password from your email address.'
        : problem.what === 'practice_name'
          ? "Do not build your password from the practice's name."
          : 'Do not build your password from your name.';
    case 'too_common':
      return 'This password is too common or too easy to guess. Try a longer phrase of unrelated words.';
  }
}

/** zxcvbn's 0–4 score for the live strength meter (the same dictionaries and context as checkPassword). */
export function passwordScore(password: string, context: PasswordContext = {}): number {
  const local = context.email?.split('@')[0]?.toLowerCase();
  const practiceWords = (context.practiceName ?? '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 4);
  const userInputs = [local, ...(context.names ?? []), ...practiceWords].filter(
    (v): v is string => !!v,
  );
  return strength.check(normalisePassword(password).slice(0, 256), userInputs).score;
}
