import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@tessera/contracts';

/** ~49,000 most common passwords (zxcvbn-ts common dictionary), lower-cased. */
const COMMON = new Set((dictionary as { passwords: string[] }).passwords.map((p) => p.toLowerCase()));

/**
 * NIST SP 800-63B style: length 12-256, not a common password, not the user's own name; no composition rules and
 * no forced periodic change. Returns why a password is refused, or null.
 */
export function passwordProblem(password: string, about: { username?: string; email?: string } = {}): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `The password must be at least ${PASSWORD_MIN_LENGTH} characters long.`;
  if (length > PASSWORD_MAX_LENGTH) return `The password must be at most ${PASSWORD_MAX_LENGTH} characters long.`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/\d+$/, '')) && lower.replace(/\d+$/, '').length >= 8) {
    return 'This password is on a list of commonly used passwords. Choose another.';
  }
  if (/^(.)\1+$/.test(password)) return 'The password must not repeat a single character.';
  const name = about.username?.toLowerCase();
  if (name && name.length >= 3 && lower.includes(name)) return 'The password must not contain your user name.';
  const local = about.email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return 'The password must not contain your email address.';
  return null;
}
