// The "never" cells and the properties are only as strong as the histories they run on: this
// checks that the generator reaches every value of every status field, and several groups.
import fc from 'fast-check';
import { arbitraryHistory } from './arbitrary-history';
import { statusAfter } from './folder-history';
import { allowedValues } from './seed-status-table';

describe('the history generator', () => {
  const samples = fc.sample(arbitraryHistory(), { numRuns: 400, seed: 42 });
  const statuses = samples.flatMap((h) => h.map((_, end) => statusAfter(h.slice(0, end + 1))));

  it('reaches every allowed value of every status field', () => {
    const seen = {
      'folder.resolution_status': new Set(statuses.map((s) => s.resolution_status)),
      system_resolution: new Set(statuses.map((s) => s.system_resolution)),
      'analyse.state': new Set(statuses.flatMap((s) => s.analyses.map((a) => a.state))),
      'analyse.resolution_status': new Set(statuses.flatMap((s) => s.analyses.map((a) => a.resolution_status))),
    } as const;
    for (const [field, values] of Object.entries(seen) as [keyof typeof seen, Set<string>][]) {
      expect([...values].sort()).toEqual([...allowedValues(field)].sort());
    }
  });

  it('produces folders with several groups and operator decisions', () => {
    expect(statuses.some((s) => s.groups.length >= 3 && s.groups.every((g) => g.finished))).toBe(true);
    expect(samples.some((h) => h.some((e) => e.type === 'AnalysisResolvedByOperator'))).toBe(true);
  });
});
