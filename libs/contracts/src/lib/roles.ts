/**
 * Roles and the permission catalogue. One map from role to permissions; every API route declares the
 * permissions it needs (or is explicitly public), and the server refuses anything undeclared.
 */
export const ROLES = ['records_officer', 'helpdesk_agent', 'key_admin', 'auditor', 'staff_admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  records_officer: 'DPH records officer',
  helpdesk_agent: 'Help-desk agent',
  key_admin: 'Key administrator',
  auditor: 'Auditor',
  staff_admin: 'Staff administrator',
};

export const PERMISSIONS = [
  // self-service: every signed-in staff member
  'account:read-own',
  'session:manage-own',
  // staff administration
  'staff:read',
  'staff:create',
  'staff:update-roles',
  'staff:disable',
  'staff:reset-mfa',
  'staff:reset-password',
  // audit log
  'audit:read',
  'audit:export',
  'audit:verify',
  'audit:sign-head',
  // immunization registry replica
  'person:search',
  'person:read',
  'registry:import',
  // issuer keys (SMART Health Cards signing)
  'issuer-key:read',
  'issuer-key:manage',
  'issuer-key:revoke',
  'portal-client:manage',
  // cards
  'card:issue',
  'card:read',
  'card:inspect',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const SELF: readonly Permission[] = ['account:read-own', 'session:manage-own'];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  records_officer: [...SELF, 'person:search', 'person:read', 'registry:import', 'card:issue', 'card:read', 'card:inspect'],
  helpdesk_agent: [...SELF, 'person:search', 'person:read', 'card:issue', 'card:read', 'card:inspect'],
  key_admin: [...SELF, 'issuer-key:read', 'issuer-key:manage', 'issuer-key:revoke', 'portal-client:manage', 'card:inspect'],
  auditor: [...SELF, 'audit:read', 'audit:export', 'audit:verify', 'audit:sign-head', 'issuer-key:read', 'card:inspect'],
  staff_admin: [
    ...SELF,
    'card:inspect',
    'staff:read',
    'staff:create',
    'staff:update-roles',
    'staff:disable',
    'staff:reset-mfa',
    'staff:reset-password',
  ],
};

/** The union of the permissions of the given roles, sorted. Unknown roles grant nothing. */
export function permissionsOf(roles: readonly string[]): Permission[] {
  const out = new Set<Permission>();
  for (const role of roles) {
    const granted = (ROLE_PERMISSIONS as Record<string, readonly Permission[] | undefined>)[role];
    for (const p of granted ?? []) out.add(p);
  }
  return [...out].sort();
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
