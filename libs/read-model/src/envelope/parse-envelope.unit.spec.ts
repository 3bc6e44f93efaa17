import { parseEnvelope } from '../index';
import * as story from '../../test/events-md-history';

/** A message value as the relay writes it, with one part changed. */
const message = (changes: Record<string, unknown> = {}, base: object = story.V6_BIOMETRY_FINISHED): string => JSON.stringify({ ...base, ...changes });
const refusal = (raw: string): string => {
  const parsed = parseEnvelope(raw);
  if (parsed.ok) throw new Error('expected the message to be refused');
  return parsed.reason;
};

describe('parseEnvelope', () => {
  it('accepts every message of the docs/events.md history as it is written', () => {
    for (const event of story.EVENTS_MD_HISTORY) expect(parseEnvelope(JSON.stringify(event))).toEqual({ ok: true, envelope: event });
  });

  it('ignores fields it does not know, in the envelope and in the data (additive changes, docs/events.md §6)', () => {
    const parsed = parseEnvelope(message({ trace_id: 't-1', data: { ...story.V6_BIOMETRY_FINISHED.data, quality_score: 0.9 } }));
    expect(parsed).toEqual({ ok: true, envelope: story.V6_BIOMETRY_FINISHED });
  });

  it('reads a missing nullable field as null, and a time in another ISO form as the canonical one', () => {
    const { causation_id: _dropped, ...withoutCausation } = story.V6_BIOMETRY_FINISHED;
    const parsed = parseEnvelope(message({ occurred_at: '2026-11-22T10:14:06.871+01:00' }, withoutCausation));
    expect(parsed).toMatchObject({ ok: true, envelope: { causation_id: null, occurred_at: '2026-11-22T09:14:06.871Z' } });
  });

  it.each([
    ['a canonical time, kept as it is', '2024-02-29T23:59:59.999Z', '2024-02-29T23:59:59.999Z'],
    ['a day its month lacks, which Date.parse rolls over, in its canonical form', '2026-02-31T00:00:00.000Z', '2026-03-03T00:00:00.000Z'],
    ['February 29th of a year that is not a leap year', '2100-02-29T12:00:00.000Z', '2100-03-01T12:00:00.000Z'],
    ['a time without milliseconds', '2026-11-22T09:14:06Z', '2026-11-22T09:14:06.000Z'],
  ])('reads %s as the time Date gives it', (_what, sent, read) => {
    expect(parseEnvelope(message({ occurred_at: sent }))).toMatchObject({ ok: true, envelope: { occurred_at: read } });
  });

  it('refuses a value that is not JSON', () => {
    expect(refusal('{"type": "FolderCreated", ')).toMatch(/^not JSON: /);
    expect(refusal('[1, 2]')).toBe('envelope must be an object');
  });

  it('refuses an event type it does not know, before looking at anything else', () => {
    expect(refusal(message({ type: 'FolderArchived', stream_version: 'x' }))).toBe('unknown event type "FolderArchived"');
  });

  it('refuses a schema version it does not know for a known type: it cannot interpret that data yet', () => {
    expect(refusal(message({ schema_version: 2 }))).toBe('unknown schema_version 2 of AnalysisFinished');
    expect(refusal(message({ schema_version: '1' }))).toBe('schema_version must be an integer >= 0');
  });

  it('refuses a message without a required envelope field, and names the field', () => {
    const { stream_version: _dropped, ...withoutVersion } = story.V6_BIOMETRY_FINISHED;
    expect(refusal(JSON.stringify(withoutVersion))).toBe('stream_version is missing');
    expect(refusal(message({ stream_version: 0 }))).toBe('stream_version must be at least 1');
    expect(refusal(message({ occurred_at: 'yesterday' }))).toBe('occurred_at must be an ISO-8601 time');
  });

  it('refuses data without a required field or with a value outside its enumeration, and names the field', () => {
    const { resolution: _dropped, ...withoutResolution } = story.V6_BIOMETRY_FINISHED.data;
    expect(refusal(message({ data: withoutResolution }))).toBe('data.resolution is missing');
    expect(refusal(message({ data: { ...story.V6_BIOMETRY_FINISHED.data, resolution: 'MAYBE' } }))).toBe(
      'data.resolution must be one of SUCCESS, DECLINED, OPERATOR_REQUIRED',
    );
    const group = { ...story.V4_G1_SUBMITTED.data, analyses: [{ ...story.V4_G1_SUBMITTED.data.analyses[0], type: 'DOCUMENTS' }] };
    expect(refusal(message({ data: group }, story.V4_G1_SUBMITTED))).toBe('data.analyses[0].type must be one of QUALITY, BIOMETRY, COLLECTION');
  });

  it('refuses a count larger than the integer column that stores it: one bad value must not fail the whole group commit', () => {
    expect(refusal(message({ data: { ...story.V6_BIOMETRY_FINISHED.data, duration_ms: 2 ** 31 } }))).toBe('data.duration_ms must be at most 2147483647');
    expect(parseEnvelope(message({ data: { ...story.V6_BIOMETRY_FINISHED.data, duration_ms: 2 ** 31 - 1 } })).ok).toBe(true);
  });

  it('refuses an id longer than the 128 characters the read model stores', () => {
    expect(refusal(message({ stream_id: 'f'.repeat(129) }))).toBe('stream_id must be 1 to 128 characters');
  });
});
