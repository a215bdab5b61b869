/** A 6-digit code as typed (spaces and dashes from a copied message are ignored). */
export function sixDigitCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}
