// Properties of the fold over every valid history (test/generated-history.ts): the projection
// app may see a folder's events in any batching and with any redelivery, and must end up with
// the rows a rebuild from the stream would give (DESIGN.md invariants 3 and 4).
import fc from 'fast-check';
import { type FolderEnvelope, type FolderProjection, projectFolder } from '../index';
import { arbitraryHistory } from '../../test/generated-history';

const RUNS = { numRuns: 300 };

/** Folds batch after batch, as the projection does, carrying the projection between batches. */
const foldInBatches = (batches: readonly (readonly FolderEnvelope[])[]): FolderProjection | null =>
  batches.reduce<FolderProjection | null>((projection, batch) => (batch.length === 0 ? projection : projectFolder(projection, batch)), null);

/** Cuts a history into consecutive batches at the given points. */
const cut = (history: readonly FolderEnvelope[], points: readonly number[]) => {
  const bounds = [...new Set([0, ...points.map((p) => p % (history.length + 1)), history.length])].sort((a, b) => a - b);
  return bounds.slice(1).map((end, i) => history.slice(bounds[i], end));
};

describe('projectFolder properties', () => {
  it('runs on histories that reach every case: several groups, failures, operator decisions, stray results', () => {
    const samples = fc.sample(arbitraryHistory(), { numRuns: 300, seed: 7 });
    const folded = samples.map((h) => projectFolder(null, h));
    expect(folded.some((p) => p.groups.length >= 3 && p.groups.every((g) => g.finished))).toBe(true);
    expect(folded.some((p) => p.analyses.some((a) => a.state === 'FAILED'))).toBe(true);
    expect(folded.some((p) => p.analyses.some((a) => a.resolution_operator !== null))).toBe(true);
    expect(folded.some((p) => p.media.length > 2)).toBe(true);
    expect(folded.some((p) => [...p.media, ...p.analyses].some((r) => Object.keys(r.meta_data).length > 0) && Object.keys(p.folder?.meta_data ?? {}).length !== 1)).toBe(true);
    // A stray result moves the version but no row: the newest row change is older than the folder.
    expect(folded.some((p) => Math.max(...[...p.media, ...p.analyses, ...p.groups].map((r) => r.changed_version)) < p.version)).toBe(true);
  });

  it('given a history folded once, when the same events are folded again, then the projection is identical', () => {
    fc.assert(
      fc.property(arbitraryHistory(), (history) => {
        const once = projectFolder(null, history);
        expect(projectFolder(once, history)).toEqual(once);
        expect(projectFolder(null, [...history, ...history])).toEqual(once);
      }),
      RUNS,
    );
  });

  it('given a history cut into batches anywhere, when folded batch by batch, then it equals folding it at once', () => {
    const cutHistory = arbitraryHistory().chain((history) => fc.record({ history: fc.constant(history), points: fc.array(fc.nat(), { maxLength: 6 }) }));
    fc.assert(
      fc.property(cutHistory, ({ history, points }) => {
        expect(foldInBatches(cut(history, points))).toEqual(projectFolder(null, history));
      }),
      RUNS,
    );
  });

  it('given relay-style redeliveries (earlier versions again after later ones, across batches), then the projection is the same', () => {
    const redelivered = arbitraryHistory()
      .filter((h) => h.length > 1)
      .chain((history) =>
        fc.record({
          history: fc.constant(history),
          copies: fc.array(fc.record({ from: fc.nat(), length: fc.nat({ max: 4 }), at: fc.nat() }), { maxLength: 4 }),
          points: fc.array(fc.nat(), { maxLength: 4 }),
        }),
      );
    fc.assert(
      fc.property(redelivered, ({ history, copies, points }) => {
        let stream = [...history];
        for (const { from, length, at } of copies) {
          const start = from % history.length;
          const position = Math.max(start + length, at % (stream.length + 1));
          stream = [...stream.slice(0, position), ...history.slice(start, start + length), ...stream.slice(position)];
        }
        expect(foldInBatches(cut(stream, points))).toEqual(projectFolder(null, history));
      }),
      RUNS,
    );
  });

  it('given any history, the projection survives the JSON round trip through jsonb unchanged (no undefined, no Date)', () => {
    fc.assert(
      fc.property(arbitraryHistory(), (history) => {
        const projection = projectFolder(null, history);
        expect(JSON.parse(JSON.stringify(projection))).toStrictEqual(projection);
      }),
      RUNS,
    );
  });
});
