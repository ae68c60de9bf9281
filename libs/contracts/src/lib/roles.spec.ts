import { PERMISSIONS, permissionsOf, ROLE_PERMISSIONS, ROLES } from './roles';

describe('role -> permission map', () => {
  it('grants only catalogued permissions', () => {
    for (const role of ROLES) for (const p of ROLE_PERMISSIONS[role]) expect(PERMISSIONS).toContain(p);
  });
  it('gives unknown roles nothing and combines several roles', () => {
    expect(permissionsOf(['nope'])).toEqual([]);
    const both = permissionsOf(['auditor', 'staff_admin']);
    expect(both).toContain('audit:read');
    expect(both).toContain('staff:create');
  });
  it('keeps staff administration apart from the audit log', () => {
    expect(permissionsOf(['staff_admin'])).not.toContain('audit:read');
    expect(permissionsOf(['auditor'])).not.toContain('staff:create');
  });
});
