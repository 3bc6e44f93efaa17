// Given a payload as it arrives over TCP, when ingest checks its envelope, then a well-formed one
// comes back typed and a malformed one is refused as INVALID STRUCTURE (3), naming the field.
import { DomainError } from '@forensics/domain';
import { checkIngestRequest } from './ingest-request.guard';

const client = { user_id: 'e5b0c7f2-3d4c-4a53-9a39-0f5b4b2f6c11', company_id: '6f1f3e0e-2b7a-4a54-8d3c-9f7e5d1b2a33', role: 'CLIENT' };
const valid = { data: { folder_id: 'f-1', media: [] }, metadata: { actor: client, correlation_id: 'req-1' } };
const withActor = (fields: Record<string, unknown>) => ({ ...valid, metadata: { ...valid.metadata, actor: { ...client, ...fields } } });

const refusedField = (payload: unknown): unknown => {
  try {
    checkIngestRequest(payload);
  } catch (error) {
    if (error instanceof DomainError && error.code === 3) return (error.details as { field: unknown }).field;
    throw error;
  }
  throw new Error('expected the payload to be refused');
};

describe('checkIngestRequest', () => {
  it('returns the envelope with the folder it addresses, and nothing the caller added to the actor', () => {
    const extended = withActor({ is_root: true });
    const payload = { ...extended, idempotency_key: 'k-1', metadata: { ...extended.metadata, causation_id: 'c-1' } };

    expect(checkIngestRequest(payload)).toEqual({
      folder_id: 'f-1',
      data: valid.data,
      metadata: { actor: client, correlation_id: 'req-1', causation_id: 'c-1' },
      idempotency_key: 'k-1',
    });
  });

  it('takes an absent company as none for the roles that belong to no company', () => {
    const payload = { ...valid, metadata: { actor: { user_id: 'analysis-worker', role: 'SYSTEM' }, correlation_id: 'r' } };

    expect(checkIngestRequest(payload).metadata.actor).toEqual({ user_id: 'analysis-worker', company_id: null, role: 'SYSTEM' });
  });

  it('treats a null idempotency key or causation id as absent', () => {
    const checked = checkIngestRequest({ ...valid, idempotency_key: null, metadata: { ...valid.metadata, causation_id: null } });

    expect(checked).not.toHaveProperty('idempotency_key');
    expect(checked.metadata).not.toHaveProperty('causation_id');
  });

  it.each([
    ['a string', 'create folder', null],
    ['null', null, null],
    ['a list', [valid], null],
    ['no data', { metadata: valid.metadata }, 'data'],
    ['data that is a list', { ...valid, data: [] }, 'data'],
    ['no folder_id', { ...valid, data: { media: [] } }, 'folder_id'],
    ['an empty folder_id', { ...valid, data: { folder_id: ' ' } }, 'folder_id'],
    ['no metadata', { data: valid.data }, 'metadata'],
    ['no actor', { ...valid, metadata: { correlation_id: 'r' } }, 'metadata.actor'],
    ['an actor without user_id', withActor({ user_id: undefined }), 'metadata.actor.user_id'],
    ['a numeric user_id', withActor({ user_id: 7 }), 'metadata.actor.user_id'],
    ['an unknown role', withActor({ role: 'SUPERUSER' }), 'metadata.actor.role'],
    ['a lower-case role', withActor({ role: 'client' }), 'metadata.actor.role'],
    ['a CLIENT without a company', withActor({ company_id: null }), 'metadata.actor.company_id'],
    ['a numeric company_id', withActor({ company_id: 12 }), 'metadata.actor.company_id'],
    ['no correlation_id', { ...valid, metadata: { actor: client } }, 'metadata.correlation_id'],
    ['a causation_id that is not a string', { ...valid, metadata: { ...valid.metadata, causation_id: 5 } }, 'metadata.causation_id'],
    ['an idempotency_key that is not a string', { ...valid, idempotency_key: { key: 'k' } }, 'idempotency_key'],
    ['an empty idempotency_key', { ...valid, idempotency_key: '' }, 'idempotency_key'],
    ['an idempotency_key of 256 characters', { ...valid, idempotency_key: 'k'.repeat(256) }, 'idempotency_key'],
  ])('refuses %s', (_name, payload, field) => {
    expect(refusedField(payload)).toBe(field);
  });
});
