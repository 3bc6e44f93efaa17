import type { Actor, Role } from '@forensics/domain';

type Owned = Readonly<{ user_id: string; company_id: string | null }>;

/** Which users an actor may read: all, one company's, or only itself (reference/oz-api.md §9). */
export type UserScope = Readonly<{ kind: 'all' } | { kind: 'company'; company_id: string } | { kind: 'self'; user_id: string }>;

export const CLIENT_ROLES: readonly Role[] = ['CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE'];
/** The roles a user can have: SYSTEM is the platform's own workers, never a user. */
export const USER_ROLES: readonly Role[] = ['ADMIN', 'OPERATOR', ...CLIENT_ROLES];

export const belongsToCompany = (role: Role): boolean => CLIENT_ROLES.includes(role);

/** ADMIN and OPERATOR read everyone; a company's admin and operator read its users; the rest read themselves. */
export function userReadScope(actor: Actor): UserScope {
  switch (actor.role) {
    case 'ADMIN':
    case 'OPERATOR':
    case 'SYSTEM':
      return { kind: 'all' };
    case 'CLIENT_ADMIN':
    case 'CLIENT_OPERATOR':
      return actor.company_id === null ? { kind: 'self', user_id: actor.user_id } : { kind: 'company', company_id: actor.company_id };
    case 'CLIENT':
    case 'CLIENT_SERVICE':
      return { kind: 'self', user_id: actor.user_id };
    default: {
      const unknownRole: never = actor.role;
      return unknownRole;
    }
  }
}

export function canSeeUser(actor: Actor, user: Owned): boolean {
  const scope = userReadScope(actor);
  if (scope.kind === 'all') return true;
  if (scope.kind === 'company') return user.company_id === scope.company_id;
  return user.user_id === scope.user_id;
}

/** The roles an actor may give to a user it creates or edits: ADMIN any, CLIENT_ADMIN its company's. */
export function assignableRoles(actor: Actor): readonly Role[] {
  if (actor.role === 'ADMIN') return USER_ROLES;
  if (actor.role === 'CLIENT_ADMIN') return CLIENT_ROLES;
  return [];
}

/** Whether an actor may edit every field of a user, deactivate or delete it. */
export function canManageUser(actor: Actor, user: Owned): boolean {
  if (actor.role === 'ADMIN') return true;
  return actor.role === 'CLIENT_ADMIN' && actor.company_id !== null && user.company_id === actor.company_id;
}

/** ADMIN and OPERATOR see every company; everyone else only its own. */
export const canSeeAllCompanies = (actor: Actor): boolean => actor.role === 'ADMIN' || actor.role === 'OPERATOR' || actor.role === 'SYSTEM';
