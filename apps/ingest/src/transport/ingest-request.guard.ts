import { type Actor, invalidStructure, invalidValue, ROLES, type Role } from '@forensics/domain';
import type { IngestRequest } from '@forensics/contracts';
import { checkRequestSize, hasMoreCharactersThan, MAX_ID_CHARACTERS, MAX_IDEMPOTENCY_KEY_CHARACTERS } from './request-limits';
import { checkStorableText } from '@forensics/contracts';

// The envelope is checked here, the command data by the domain. Anything missing or of the wrong
// shape in the envelope is INVALID STRUCTURE (3), like a malformed command. What PostgreSQL or
// Kafka could not take (an id too long to index, a NUL, a request too large) is refused here as
// INVALID VALUE (4), as the domain refuses a bad value, rather than failing later as UNKNOWN (0).

/** An envelope that holds all a command needs, with the folder stream it addresses. */
export type CheckedRequest = IngestRequest<Readonly<Record<string, unknown>>> & Readonly<{ folder_id: string }>;

type Fields = Readonly<Record<string, unknown>>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

// These roles act inside one company; without it their folders could not be told apart.
const COMPANY_ROLES: readonly Role[] = ['CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE'];

const malformed = (field: string, rule: string) => invalidStructure(`Field "${field}" ${rule}`, { field });

const isKey = (value: unknown): value is string => isText(value) && !hasMoreCharactersThan(value, MAX_IDEMPOTENCY_KEY_CHARACTERS);

/** A non-empty string id short enough to index. */
function checkId(value: unknown, field: string, rule = 'is required and must be a non-empty string'): string {
  if (!isText(value)) throw malformed(field, rule);
  if (hasMoreCharactersThan(value, MAX_ID_CHARACTERS)) {
    throw invalidValue(`Field "${field}" must be at most ${MAX_ID_CHARACTERS} characters`, { field, limit: MAX_ID_CHARACTERS });
  }
  return value;
}

/** Checks a payload's envelope and its limits, and returns it typed, or throws INVALID STRUCTURE or VALUE. */
export function checkIngestRequest(payload: unknown): CheckedRequest {
  if (!isFields(payload)) throw invalidStructure('The request must be an object with "data" and "metadata"', { field: null });
  const { data, idempotency_key } = payload;
  if (!isFields(data)) throw malformed('data', 'is required and must be an object');
  const folder_id = checkId(data['folder_id'], 'folder_id');
  if (idempotency_key !== undefined && idempotency_key !== null && !isKey(idempotency_key)) {
    throw malformed('idempotency_key', `must be a non-empty string of at most ${MAX_IDEMPOTENCY_KEY_CHARACTERS} characters`);
  }
  const metadata = checkMetadata(payload['metadata']);
  // The depth first: the size is measured with JSON.stringify, which recurses.
  checkStorableText(payload);
  checkRequestSize(payload);
  return { folder_id, data, metadata, ...(isKey(idempotency_key) ? { idempotency_key } : {}) };
}

function checkMetadata(metadata: unknown): CheckedRequest['metadata'] {
  if (!isFields(metadata)) throw malformed('metadata', 'is required and must be an object');
  const { correlation_id, causation_id } = metadata;
  const actor = checkActor(metadata['actor']);
  if (!isText(correlation_id)) throw malformed('metadata.correlation_id', 'is required and must be a non-empty string');
  if (causation_id !== undefined && causation_id !== null && !isText(causation_id)) {
    throw malformed('metadata.causation_id', 'must be a non-empty string');
  }
  return { actor, correlation_id, ...(isText(causation_id) ? { causation_id } : {}) };
}

function checkActor(actor: unknown): Actor {
  if (!isFields(actor)) throw malformed('metadata.actor', 'is required and must be an object');
  const { user_id, role } = actor;
  const company_id = actor['company_id'] ?? null;
  // Both ids go into the scoped idempotency key, so they are bounded like the folder id.
  const checkedUser = checkId(user_id, 'metadata.actor.user_id');
  if (!isRole(role)) throw malformed('metadata.actor.role', `must be one of ${ROLES.join(', ')}`);
  const checkedCompany = company_id === null ? null : checkId(company_id, 'metadata.actor.company_id', 'must be a non-empty string or null');
  if (checkedCompany === null && COMPANY_ROLES.includes(role)) {
    throw malformed('metadata.actor.company_id', `is required for the role ${role}`);
  }
  return { user_id: checkedUser, company_id: checkedCompany, role };
}
