import type { Actor } from '@forensics/domain';
import { assignableRoles, canManageUser, canSeeAllCompanies, canSeeUser, userReadScope } from './user-access';

const companyA = 'a0000000-0000-4000-8000-000000000000';
const companyB = 'b0000000-0000-4000-8000-000000000000';
const actor = (role: Actor['role'], company_id: string | null = companyA, user_id = 'me'): Actor => ({ user_id, company_id, role });
const colleague = { user_id: 'colleague', company_id: companyA };
const stranger = { user_id: 'stranger', company_id: companyB };
const me = { user_id: 'me', company_id: companyA };

describe('who may read which users', () => {
  it('lets ADMIN and OPERATOR read every user', () => {
    expect(userReadScope(actor('ADMIN', null))).toEqual({ kind: 'all' });
    expect(canSeeUser(actor('OPERATOR', null), stranger)).toBe(true);
  });

  it('bounds a CLIENT_ADMIN and a CLIENT_OPERATOR to their company', () => {
    for (const role of ['CLIENT_ADMIN', 'CLIENT_OPERATOR'] as const) {
      expect(canSeeUser(actor(role), colleague)).toBe(true);
      expect(canSeeUser(actor(role), stranger)).toBe(false);
    }
  });

  it('shows a CLIENT and a CLIENT_SERVICE only themselves', () => {
    for (const role of ['CLIENT', 'CLIENT_SERVICE'] as const) {
      expect(canSeeUser(actor(role), me)).toBe(true);
      expect(canSeeUser(actor(role), colleague)).toBe(false);
    }
  });
});

describe('who may manage users', () => {
  it('lets ADMIN give any role but SYSTEM', () => {
    expect(assignableRoles(actor('ADMIN', null))).toEqual(['ADMIN', 'OPERATOR', 'CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE']);
  });

  it('lets a CLIENT_ADMIN give only company roles, and manage only its company', () => {
    expect(assignableRoles(actor('CLIENT_ADMIN'))).not.toContain('ADMIN');
    expect(assignableRoles(actor('CLIENT_ADMIN'))).not.toContain('OPERATOR');
    expect(canManageUser(actor('CLIENT_ADMIN'), colleague)).toBe(true);
    expect(canManageUser(actor('CLIENT_ADMIN'), stranger)).toBe(false);
  });

  it('lets nobody else manage anyone, not even an OPERATOR', () => {
    for (const role of ['OPERATOR', 'CLIENT', 'CLIENT_OPERATOR', 'CLIENT_SERVICE'] as const) {
      expect(assignableRoles(actor(role))).toEqual([]);
      expect(canManageUser(actor(role), me)).toBe(false);
    }
  });

  it('shows every company to ADMIN and OPERATOR only', () => {
    expect(canSeeAllCompanies(actor('OPERATOR', null))).toBe(true);
    expect(canSeeAllCompanies(actor('CLIENT_ADMIN'))).toBe(false);
  });
});
