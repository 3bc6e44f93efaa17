// Given a payload PostgreSQL or Kafka could not take, when ingest checks its envelope, then it is
// refused as INVALID VALUE (4), naming the field or the limit, instead of failing later as UNKNOWN (0).
import { DomainError } from '@forensics/domain';
import { checkIngestRequest } from './ingest-request.guard';

const client = { user_id: 'e5b0c7f2-3d4c-4a53-9a39-0f5b4b2f6c11', company_id: '6f1f3e0e-2b7a-4a54-8d3c-9f7e5d1b2a33', role: 'CLIENT' };
const metadata = { actor: client, correlation_id: 'req-1' };
const withData = (data: Record<string, unknown>) => ({ data: { folder_id: 'f-1', ...data }, metadata });
const withActor = (fields: Record<string, unknown>) => ({ data: { folder_id: 'f-1' }, metadata: { ...metadata, actor: { ...client, ...fields } } });

/** A character outside the BMP: one code point, two UTF-16 units, four UTF-8 bytes. */
const ASTRAL = '\u{1F600}';

const refusal = (payload: unknown): Readonly<{ code: number; message: string; details: unknown }> => {
  try {
    checkIngestRequest(payload);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected the payload to be refused');
};

/** Data whose request is exactly `bytes` long as JSON in UTF-8. */
const dataOfSize = (bytes: number) => {
  const base = Buffer.byteLength(JSON.stringify(withData({ note: '' })));
  return withData({ note: 'x'.repeat(bytes - base) });
};

const nested = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = [value];
  return value;
};

describe('checkIngestRequest limits', () => {
  describe('ids that must fit a btree index entry', () => {
    it.each([
      ['a folder_id', withData({ folder_id: 'f'.repeat(129) }), 'folder_id'],
      ['a folder_id of 4 kB', withData({ folder_id: 'f'.repeat(4096) }), 'folder_id'],
      ['an actor user_id', withActor({ user_id: 'u'.repeat(129) }), 'metadata.actor.user_id'],
      ['an actor company_id', withActor({ company_id: 'c'.repeat(129) }), 'metadata.actor.company_id'],
    ])('refuses %s over 128 characters', (_name, payload, field) => {
      expect(refusal(payload)).toEqual({ code: 4, message: `Field "${field}" must be at most 128 characters`, details: { field, limit: 128 } });
    });

    it('accepts ids of 128 characters and a key of 255, counting a character outside the BMP once', () => {
      const payload = { ...withData({ folder_id: ASTRAL.repeat(128) }), idempotency_key: ASTRAL.repeat(255) };

      expect(checkIngestRequest(payload)).toMatchObject({ folder_id: ASTRAL.repeat(128), idempotency_key: ASTRAL.repeat(255) });
      expect(() => checkIngestRequest(withActor({ user_id: 'u'.repeat(128), company_id: 'c'.repeat(128) }))).not.toThrow();
    });
  });

  describe('text that jsonb and text columns refuse', () => {
    it.each([
      ['a value inside data', withData({ meta_data: { note: 'a\u0000b' } }), 'meta_data.note'],
      ['a value in a list', withData({ media: [{ original_name: 'a.jpg' }, { original_name: 'b\u0000.jpg' }] }), 'media[1].original_name'],
      ['a key', withData({ meta_data: { 'x\u0000y': 1 } }), 'meta_data["x\\u0000y"]'],
      ['the folder_id', withData({ folder_id: 'f-1\u0000' }), 'folder_id'],
      ['the correlation_id', { ...withData({}), metadata: { ...metadata, correlation_id: 'r\u0000' } }, 'metadata.correlation_id'],
      ['a field the actor was not asked for', withActor({ display_name: '\u0000' }), 'metadata.actor.display_name'],
      ['the idempotency_key', { ...withData({}), idempotency_key: 'k\u0000' }, 'idempotency_key'],
    ])('refuses NUL in %s, naming where it is', (_name, payload, field) => {
      const refused = refusal(payload);

      expect(refused).toEqual({ code: 4, message: expect.stringContaining('NUL character (U+0000)'), details: { field } });
      expect(refused.message).not.toContain('\u0000');
    });

    it('refuses a lone surrogate, which jsonb cannot parse', () => {
      expect(refusal(withData({ meta_data: { note: 'a\uD800b' } }))).toMatchObject({ code: 4, details: { field: 'meta_data.note' } });
    });

    it('accepts a surrogate pair, the way UTF-16 writes a character outside the BMP', () => {
      expect(() => checkIngestRequest(withData({ meta_data: { note: ASTRAL } }))).not.toThrow();
    });
  });

  describe('a request that would make an event too large for Kafka', () => {
    it('accepts a request of exactly 256 KiB', () => {
      expect(() => checkIngestRequest(dataOfSize(256 * 1024))).not.toThrow();
    });

    it('refuses one byte more, with the limit and the size', () => {
      expect(refusal(dataOfSize(256 * 1024 + 1))).toEqual({
        code: 4,
        message: 'Request is larger than 256 KiB',
        details: { limit: 262_144, size: 262_145 },
      });
    });

    it('counts bytes of UTF-8, not characters', () => {
      expect(refusal(withData({ note: 'é'.repeat(140_000) }))).toMatchObject({ code: 4, message: 'Request is larger than 256 KiB' });
    });

    it('refuses a list too long to spread into a call, without overflowing the stack', () => {
      expect(refusal(withData({ media: new Array<number>(300_000).fill(0) }))).toMatchObject({ code: 4, details: { limit: 262_144 } });
    });
  });

  describe('nesting', () => {
    it('accepts metadata nested 60 levels deep', () => {
      expect(() => checkIngestRequest(withData({ meta_data: nested(60) }))).not.toThrow();
    });

    it('refuses a payload nested 10 000 levels deep instead of overflowing the stack', () => {
      expect(refusal(withData({ meta_data: nested(10_000) }))).toMatchObject({
        code: 4,
        message: 'Request is nested deeper than 64 levels',
        details: { limit: 64 },
      });
    });
  });
});
