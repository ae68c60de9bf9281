/** The audit vocabulary: every action Tessera records, past tense, `resource.verb`. */
export const AUDIT_ACTIONS = [
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
  'person.searched',
  'person.viewed',
  'registry.import_started',
  'registry.imported',
  'registry.import_failed',
  'registry.seeded',
  'system.bootstrapped',
  'system.migrated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_OUTCOMES = ['success', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Actions that must carry a reason. */
export const AUDIT_ACTIONS_REQUIRING_REASON: readonly AuditAction[] = [
  'staff.roles_changed',
  'staff.disabled',
  'staff.enabled',
  'staff.mfa_reset',
  'staff.password_reset',
];
