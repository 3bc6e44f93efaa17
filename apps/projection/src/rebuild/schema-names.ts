/** The schemas one rebuild works with: the live one, the one it builds, the one the old tables retire to. */
export type RebuildSchemas = Readonly<{ live: string; rebuild: string; retired: string }>;

// PostgreSQL cuts longer identifiers silently; a cut name could collide with another run's.
const MAX_IDENTIFIER = 63;
const identifier = /^[a-z_][a-z0-9_]*$/;

/** `20261122091403118`: UTC down to the millisecond, so two rebuilds of one schema get two names. */
const stamp = (at: Date): string => at.toISOString().replace(/[^0-9]/g, '');

/** Names `<live>_rebuild_<stamp>` and `<live>_retired_<stamp>`; refuses a name PostgreSQL would cut. */
export function rebuildSchemas(live: string, at: Date): RebuildSchemas {
  const names = { live, rebuild: `${live}_rebuild_${stamp(at)}`, retired: `${live}_retired_${stamp(at)}` };
  for (const name of Object.values(names)) {
    if (!identifier.test(name)) throw new Error(`"${name}" is not a lower-case schema name`);
    if (name.length > MAX_IDENTIFIER) {
      throw new Error(`the schema name "${name}" is longer than PostgreSQL's ${MAX_IDENTIFIER} characters: READ_MODEL_SCHEMA may have at most ${MAX_IDENTIFIER - name.length + live.length}`);
    }
  }
  return names;
}

/** A checked schema name, quoted for SQL (names reach DDL, where parameters cannot go). */
export function quoted(schema: string): string {
  if (!identifier.test(schema)) throw new Error(`"${schema}" is not a lower-case schema name`);
  return `"${schema}"`;
}
