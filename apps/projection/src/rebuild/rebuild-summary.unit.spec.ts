import type { DifferenceKind, ReadModelComparison, ReadModelTable, RowDifference } from './compare-read-models';
import type { RebuildResult } from './rebuild-read-model';
import { rebuildSummary } from './rebuild-summary';

const schemas = { live: 'read_model', rebuild: 'read_model_rebuild_1', retired: 'read_model_retired_1' };
const none = { 'same-version': 0, 'a-ahead': 0, 'b-ahead': 0 };

function comparisonWith(kind: DifferenceKind | null): ReadModelComparison {
  const counts: Record<ReadModelTable, Record<DifferenceKind, number>> = { folders: { ...none }, media: { ...none }, analyses: { ...none }, analysis_groups: { ...none } };
  if (kind === null) return { counts, differences: [] };
  counts.folders[kind] = 1;
  const versions = kind === 'a-ahead' ? { a: 5, b: 4 } : kind === 'b-ahead' ? { a: 4, b: 5 } : { a: 5, b: 5 };
  const difference: RowDifference = { table: 'folders', key: { folder_id: 'f-1' }, kind, versions, columns: ['last_version'], a: {}, b: {} };
  return { counts, differences: [difference] };
}

const result = (kind: DifferenceKind | null, dropOld = false): RebuildResult => ({
  schemas,
  events: 1_234,
  comparison: comparisonWith(kind),
  announced: kind === 'b-ahead' ? 1 : 0,
  dropped: dropOld && (kind === null || kind === 'b-ahead'),
  retiredSchema: dropOld && (kind === null || kind === 'b-ahead') ? null : schemas.retired,
});

describe('the rebuild summary', () => {
  it('given identical tables, then it succeeds and says how to drop the old ones', () => {
    const { lines, ok } = rebuildSummary(result(null), 2);
    expect(ok).toBe(true);
    expect(lines).toContain('Verified: the new tables equal the old ones, field for field.');
    expect(lines).toContain('The old tables are kept in "read_model_retired_1"; drop them with: DROP SCHEMA "read_model_retired_1" CASCADE;');
  });

  it('given only folders the new tables hold further (the live projection lagged), then it succeeds', () => {
    expect(rebuildSummary(result('b-ahead', true), 2)).toMatchObject({ ok: true, lines: expect.arrayContaining(['Dropped the old tables ("read_model_retired_1").']) });
  });

  it.each(['same-version', 'a-ahead'] as const)('given a difference of kind %s, then it fails and keeps the old tables to compare', (kind) => {
    const { lines, ok } = rebuildSummary(result(kind), 2);
    expect(ok).toBe(false);
    expect(lines).toContain('FAILED: 1 row unexpectedly different. The old tables are kept in "read_model_retired_1" to compare.');
    expect(lines.some((line) => line.includes('folders {"folder_id":"f-1"}: last_version'))).toBe(true);
  });
});
