// Every cell of the seed table "Statuses in API" (reference/seeds/statuses-in-api.md), by name.
// A cell with a meaning gets the smallest history that shows it; a "-" cell gets a property:
// over any valid history, that field never holds that value.
import fc from 'fast-check';
import type { FolderEvent, FolderStatus, ResolutionStatus } from '../index';
import { arbitraryHistory } from '../../test/arbitrary-history';
import {
  analysisStatusIn,
  failed,
  finished,
  folderWithMedia,
  groupSubmitted,
  statusAfter,
} from '../../test/folder-history';
import { type Field, SEED_TABLE } from '../../test/seed-status-table';

const valuesOf = (status: FolderStatus, field: Field): string[] => {
  switch (field) {
    case 'analyse.state':
      return status.analyses.map((a) => a.state);
    case 'analyse.resolution_status':
      return status.analyses.map((a) => a.resolution_status);
    case 'folder.resolution_status':
      return [status.resolution_status];
    case 'system_resolution':
      return [status.system_resolution];
  }
};

const created = folderWithMedia();
const submitted = [...created, groupSubmitted('g1', { q1: 'QUALITY', b1: 'BIOMETRY' })];
const oneRunning = [...submitted, finished('q1', 'g1', 'SUCCESS')];
const withFailure = [...oneRunning, failed('b1', 'g1')];
const allSucceeded = [...oneRunning, finished('b1', 'g1', 'SUCCESS')];
const declined = [...oneRunning, finished('b1', 'g1', 'DECLINED')];
const needsOperator = [...oneRunning, finished('b1', 'g1', 'OPERATOR_REQUIRED')];

/** For each cell with a meaning: the history that shows it, and the analysis it concerns. */
const SHOWN_BY: Partial<Record<ResolutionStatus, Partial<Record<Field, { history: FolderEvent[]; analysis?: string }>>>> = {
  INITIAL: {
    'folder.resolution_status': { history: created },
    system_resolution: { history: created },
  },
  PROCESSING: {
    'analyse.state': { history: submitted, analysis: 'q1' },
    'analyse.resolution_status': { history: submitted, analysis: 'q1' },
    'folder.resolution_status': { history: oneRunning },
    system_resolution: { history: oneRunning },
  },
  FAILED: {
    'analyse.state': { history: withFailure, analysis: 'b1' },
    'analyse.resolution_status': { history: withFailure, analysis: 'b1' },
    'folder.resolution_status': { history: withFailure },
    system_resolution: { history: withFailure },
  },
  FINISHED: {
    'analyse.state': { history: allSucceeded, analysis: 'b1' },
    'folder.resolution_status': { history: allSucceeded },
  },
  DECLINED: {
    'analyse.resolution_status': { history: declined, analysis: 'b1' },
    system_resolution: { history: declined },
  },
  OPERATOR_REQUIRED: {
    'analyse.resolution_status': { history: needsOperator, analysis: 'b1' },
    system_resolution: { history: needsOperator },
  },
  SUCCESS: {
    'analyse.resolution_status': { history: allSucceeded, analysis: 'b1' },
    system_resolution: { history: allSucceeded },
  },
};

describe('Statuses in API (seed table)', () => {
  for (const [value, row] of Object.entries(SEED_TABLE) as [ResolutionStatus, Record<Field, string>][]) {
    describe(value, () => {
      for (const [field, meaning] of Object.entries(row) as [Field, string][]) {
        if (meaning === '-') {
          it(`${field} is never ${value} ("-" in the seed)`, () => {
            fc.assert(
              fc.property(arbitraryHistory(), (history) => {
                for (let end = 0; end <= history.length; end++) {
                  expect(valuesOf(statusAfter(history.slice(0, end)), field)).not.toContain(value);
                }
              }),
              { numRuns: 150 },
            );
          });
          continue;
        }
        it(`${field} is ${value} when "${meaning}"`, () => {
          const shown = SHOWN_BY[value]?.[field];
          if (!shown) throw new Error(`no history shows ${value} in ${field}`);
          const status = statusAfter(shown.history);
          const actual = shown.analysis
            ? analysisStatusIn(status, shown.analysis)[field === 'analyse.state' ? 'state' : 'resolution_status']
            : valuesOf(status, field)[0];
          expect(actual).toBe(value);
        });
      }
    });
  }
});
