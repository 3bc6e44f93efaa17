import type { DataSource } from 'typeorm';
import { folderUpdatedChannel } from '@forensics/read-model';
import { announceAdvancedFolders } from './announce-advanced-folders';
import { compareReadModels, type ReadModelComparison } from './compare-read-models';
import { quoted, type RebuildSchemas } from './schema-names';

export type AfterSwitch = Readonly<{
  /** The new live tables (b) against the retired ones (a), field for field; null without old tables. */
  comparison: ReadModelComparison | null;
  /** Folders announced on the folder-updated channel because the rebuild folded them further. */
  announced: number;
  dropped: boolean;
}>;

/**
 * Rows the switch should not have changed. Same version, other rows: the fold is not a function of
 * the events (DESIGN.md invariant 4 broken). Old tables further than the new: those events were
 * consumed already, so the live projection will not bring them to the new tables.
 * New tables further is expected: the live projection lagged, or moved on after the switch.
 */
export function unexpectedDifferences(comparison: ReadModelComparison): number {
  return Object.values(comparison.counts).reduce((sum, kinds) => sum + kinds['same-version'] + kinds['a-ahead'], 0);
}

/** Announces, verifies and, when asked and the check passed, drops the old tables. */
export async function afterSwitch(via: DataSource, schemas: RebuildSchemas, retired: string | null, dropOld: boolean, onVerify: () => Promise<void>): Promise<AfterSwitch> {
  if (retired === null) return { comparison: null, announced: 0, dropped: false };
  try {
    const announced = await announceAdvancedFolders(via, retired, schemas.live, folderUpdatedChannel(schemas.live));
    await onVerify();
    const comparison = await compareReadModels(via, retired, schemas.live);
    // The old tables are the only evidence of a divergence: they stay when there is one.
    const dropped = dropOld && unexpectedDifferences(comparison) === 0;
    if (dropped) await via.query(`DROP SCHEMA ${quoted(retired)} CASCADE`);
    return { comparison, announced, dropped };
  } catch (error) {
    throw new Error(
      `the switch is done ("${schemas.live}" holds the rebuilt tables, the old ones are in "${retired}"), but what follows it failed: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
