import { AUDIT_ACTIONS, AUDIT_OUTCOMES, type AuditAction, type AuditOutcome } from '@tessera/contracts/vocabulary';

/** The audit vocabulary from the contracts, for the action and outcome filters. */
export const AUDIT_ACTION_OPTIONS: readonly AuditAction[] = AUDIT_ACTIONS;
export const AUDIT_OUTCOME_OPTIONS: readonly AuditOutcome[] = AUDIT_OUTCOMES;

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTION_OPTIONS as readonly string[]).includes(value);
}
