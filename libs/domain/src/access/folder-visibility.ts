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
 * What a folder holds belongs to the client: whoever may see a folder may add to it (media,
 * analysis groups) and change its metadata, except the operators, who review folders: they read
 * them, and decide OPERATOR_REQUIRED analyses, nothing else (reference/oz-api.md §9).
 */
export function canChangeFolder(actor: Actor): boolean {
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

/** Why an OPERATOR or a CLIENT OPERATOR is refused a change (`canChangeFolder`). */
export const REVIEWERS_ONLY_READ = 'An OPERATOR or a CLIENT OPERATOR reviews folders: it may read them and decide OPERATOR_REQUIRED analyses, not create them or add media or analyses';

/** Metadata is part of what the client owns: the same rule. */
export const canChangeMetaData = canChangeFolder;

/** Operators settle OPERATOR_REQUIRED analyses; an ADMIN may see everything but may not decide. */
export const canDecideAsOperator = (actor: Actor): boolean =>
  actor.role === 'OPERATOR' || actor.role === 'CLIENT_OPERATOR';
