import type { SessionStage } from '@tessera/contracts';

/** Where each unfinished sign-in stage is completed. */
export const STAGE_PATHS: Readonly<Record<Exclude<SessionStage, 'active'>, string>> = {
  mfa: '/sign-in/mfa',
  password_change: '/sign-in/password',
  mfa_enrolment: '/sign-in/enrol',
};

export function stagePath(stage: SessionStage): string {
  return stage === 'active' ? '/' : STAGE_PATHS[stage];
}

/**
 * A return URL that is safe to navigate to after signing in: an in-app path only (starts with a single '/', not '//'
 * or '/\', which browsers read as another host), and never back into the sign-in pages.
 */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || value.length > 2000) return null;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value.includes('\\') || [...value].some((c) => c.charCodeAt(0) < 0x20)) return null;
  if (value === '/sign-in' || value.startsWith('/sign-in/') || value.startsWith('/sign-in?')) return null;
  return value;
}

/** Query params that carry a return URL along the sign-in steps (none when there is nothing worth returning to). */
export function returnUrlParams(value: string | null | undefined): Record<string, string> {
  const safe = safeReturnUrl(value);
  return safe && safe !== '/' ? { returnUrl: safe } : {};
}
