import type { Queryable } from './fold-page';
import { quoted } from './schema-names';

/**
 * The live projection announces `{ folder_id, version }` when it writes a folder. After a switch
 * it skips what the rebuild folded already, so a waiter for such a version would hear nothing:
 * every folder the new tables hold further than the old ones is announced here, once.
 * Answers how many were announced.
 */
export async function announceAdvancedFolders(via: Queryable, retired: string, live: string, channel: string): Promise<number> {
  // A CTE with a volatile function is computed in full, whatever the outer query reads of it.
  const [row] = await via.query(
    `WITH announced AS (
       SELECT pg_notify($1, json_build_object('folder_id', n.folder_id, 'version', n.last_version)::text)
       FROM ${quoted(live)}.folders AS n LEFT JOIN ${quoted(retired)}.folders AS o ON o.folder_id = n.folder_id
       WHERE n.last_version > coalesce(o.last_version, 0)
     )
     SELECT count(*)::integer AS announced FROM announced`,
    [channel],
  );
  return (row as { announced: number }).announced;
}
