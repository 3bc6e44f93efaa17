import type { Actor } from './actor';

type OwnedFolder = Readonly<{ company_id: string; user_id: string }>;

/**
 * Whether an actor may see a folder. A folder the actor may not see must answer exactly like one
 * that does not exist, so callers turn `false` into NOT EXIST, never into FORBIDDEN.
 */
export function canSeeFolder(actor: Actor, folder: OwnedFolder): boolean {
  switch (actor.role) {
    case 'ADMIN':
    case 'OPERATOR':
    case 'SYSTEM':
      return true;
    case 'CLIENT_ADMIN':
    case 'CLIENT_OPERATOR':
      return actor.company_id === folder.company_id;
    case 'CLIENT':
    case 'CLIENT_SERVICE':
      return actor.company_id === folder.company_id && actor.user_id === folder.user_id;
    default: {
      const unknownRole: never = actor.role;
      return unknownRole;
    }
  }
}

/**
 * Metadata belongs to the client: whoever may see a folder may change the metadata of it, its
 * media and its analyses, except the operators, who review folders and only read it.
 */
export function canChangeMetaData(actor: Actor): boolean {
  switch (actor.role) {
    case 'OPERATOR':
    case 'CLIENT_OPERATOR':
      return false;
    case 'ADMIN':
    case 'SYSTEM':
    case 'CLIENT_ADMIN':
    case 'CLIENT':
    case 'CLIENT_SERVICE':
      return true;
    default: {
      const unknownRole: never = actor.role;
      return unknownRole;
    }
  }
}

/** Operators settle OPERATOR_REQUIRED analyses; an ADMIN may see everything but may not decide. */
export const canDecideAsOperator = (actor: Actor): boolean =>
  actor.role === 'OPERATOR' || actor.role === 'CLIENT_OPERATOR';
