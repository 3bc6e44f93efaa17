import { type Actor, invalidStructure, ROLES, type Role } from '@forensics/domain';
import type { IngestRequest } from './ingest-request';

// The envelope is checked here, the command data by the domain. Anything missing or of the wrong
// shape in the envelope is INVALID STRUCTURE (3), like a malformed command.

/** An envelope that holds all a command needs, with the folder stream it addresses. */
export type CheckedRequest = IngestRequest<Readonly<Record<string, unknown>>> & Readonly<{ folder_id: string }>;

type Fields = Readonly<Record<string, unknown>>;

const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

// These roles act inside one company; without it their folders could not be told apart.
const COMPANY_ROLES: readonly Role[] = ['CLIENT', 'CLIENT_ADMIN', 'CLIENT_OPERATOR', 'CLIENT_SERVICE'];

const malformed = (field: string, rule: string) => invalidStructure(`Field "${field}" ${rule}`, { field });

/** Checks a payload's envelope and returns it typed, or throws INVALID STRUCTURE. */
export function checkIngestRequest(payload: unknown): CheckedRequest {
  if (!isFields(payload)) throw invalidStructure('The request must be an object with "data" and "metadata"', { field: null });
  const { data, idempotency_key } = payload;
  if (!isFields(data)) throw malformed('data', 'is required and must be an object');
  if (!isText(data['folder_id'])) throw malformed('folder_id', 'is required and must be a non-empty string');
  if (idempotency_key !== undefined && idempotency_key !== null && !isText(idempotency_key)) {
    throw malformed('idempotency_key', 'must be a non-empty string');
  }
  return {
    folder_id: data['folder_id'],
    data,
    metadata: checkMetadata(payload['metadata']),
    ...(isText(idempotency_key) ? { idempotency_key } : {}),
  };
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
  if (!isText(user_id)) throw malformed('metadata.actor.user_id', 'is required and must be a non-empty string');
  if (!isRole(role)) throw malformed('metadata.actor.role', `must be one of ${ROLES.join(', ')}`);
  if (company_id !== null && !isText(company_id)) throw malformed('metadata.actor.company_id', 'must be a non-empty string or null');
  if (company_id === null && COMPANY_ROLES.includes(role)) {
    throw malformed('metadata.actor.company_id', `is required for the role ${role}`);
  }
  return { user_id, company_id, role };
}
