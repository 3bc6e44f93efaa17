import { unexpectedDifferences } from './after-switch';
import type { RowDifference } from './compare-read-models';
import type { RebuildResult } from './rebuild-read-model';

const count = (n: number) => n.toLocaleString('en-US');
const rows = (n: number) => `${count(n)} ${n === 1 ? 'row' : 'rows'}`;

// The first few rows are enough to start looking; the retired schema holds the rest.
const SHOWN = 10;

const describe = (d: RowDifference) =>
  `  ${d.table} ${JSON.stringify(d.key)}: ${d.a === null ? 'only in the new tables' : d.b === null ? 'only in the old tables' : d.columns.join(', ')} (folder version old ${d.versions.a ?? '-'}, new ${d.versions.b ?? '-'})`;

/** What the operator reads after a rebuild, and whether it went as it should (the exit code). */
export function rebuildSummary(result: RebuildResult, seconds: number): { lines: string[]; ok: boolean } {
  const { schemas, comparison } = result;
  const lines = [`Rebuilt "${schemas.live}" from ${count(result.events)} events in ${seconds.toFixed(1)} s; readers and the live projection now use the new tables.`];
  if (comparison === null) return { lines: [...lines, 'There were no old tables to compare with.'], ok: true };
  const kinds = Object.values(comparison.counts);
  const total = (kind: keyof (typeof kinds)[number]) => kinds.reduce((sum, k) => sum + k[kind], 0);
  const unexpected = unexpectedDifferences(comparison);
  if (comparison.differences.length === 0) lines.push('Verified: the new tables equal the old ones, field for field.');
  else {
    lines.push(
      `Compared with the old tables: ${rows(total('same-version'))} differ at the same folder version, ` +
        `${count(total('a-ahead'))} in folders the old tables hold further, ${count(total('b-ahead'))} in folders the new tables hold further (the live projection lagged or moved on; expected).`,
    );
    lines.push(...comparison.differences.filter((d) => unexpected === 0 || d.kind !== 'b-ahead').slice(0, SHOWN).map(describe));
  }
  if (result.announced > 0) lines.push(`Announced ${count(result.announced)} folder(s) the rebuild folded further than the old tables.`);
  if (unexpected > 0) lines.push(`FAILED: ${rows(unexpected)} unexpectedly different. The old tables are kept in "${schemas.retired}" to compare.`);
  if (result.dropped) lines.push(`Dropped the old tables ("${schemas.retired}").`);
  else if (result.retiredSchema) lines.push(`The old tables are kept in "${result.retiredSchema}"; drop them with: DROP SCHEMA "${result.retiredSchema}" CASCADE;`);
  return { lines, ok: unexpected === 0 };
}
