/**
 * A phone number as a person is reminded of it on screen: only the last two digits
 * ("••• ••• ••47"). Numbers too short to be real show no digit at all.
 */
export function maskPhone(phone: string): string;
export function maskPhone(phone: string | null): string | null;
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 4) return '•'.repeat(digits.length);
  return `••• ••• ••${digits.slice(-2)}`;
}
