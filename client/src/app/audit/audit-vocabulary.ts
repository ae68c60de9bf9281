import type { AuditAction, AuditOutcome } from '@tessera/contracts';

/**
 * The audit action vocabulary, for the action filter. A local copy typed against the contracts' `AuditAction`
 * (the console imports types only), so every entry is checked, and `ACTIONS_COMPLETE` below fails the build when the
 * contracts gain an action that is missing here.
 */
const ACTIONS = [
  'auth.signed_in',
  'auth.sign_in_failed',
  'auth.locked_out',
  'auth.sign_in_throttled',
  'auth.mfa_verified',
  'auth.mfa_failed',
  'auth.recovery_code_used',
  'auth.mfa_enrolment_started',
  'auth.mfa_enrolled',
  'auth.password_changed',
  'auth.password_change_failed',
  'auth.signed_out',
  'session.ended',
  'session.expired',
  'access.denied',
  'staff.created',
  'staff.roles_changed',
  'staff.disabled',
  'staff.enabled',
  'staff.mfa_reset',
  'staff.password_reset',
  'audit.searched',
  'audit.exported',
  'audit.verified',
  'audit.head_signed',
  'system.bootstrapped',
  'system.migrated',
] as const satisfies readonly AuditAction[];

type Missing = Exclude<AuditAction, (typeof ACTIONS)[number]>;
/** Compile-time completeness check (see above). */
export const ACTIONS_COMPLETE: [Missing] extends [never] ? true : Missing = true;

export const AUDIT_ACTION_OPTIONS: readonly AuditAction[] = ACTIONS;
export const AUDIT_OUTCOME_OPTIONS: readonly AuditOutcome[] = ['success', 'denied', 'failed'];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTION_OPTIONS as readonly string[]).includes(value);
}
