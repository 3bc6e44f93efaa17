// Each parser answers null for a value it refuses, so the loader can list every bad setting at once.

export const integerIn =
  (min: number, max: number) =>
  (raw: string): number | null => {
    if (!/^\d+$/.test(raw.trim())) return null;
    const value = Number(raw.trim());
    return Number.isSafeInteger(value) && value >= min && value <= max ? value : null;
  };

export const nonEmpty = (raw: string): string | null => (raw.trim() === '' ? null : raw.trim());

export function postgresUrl(raw: string): string | null {
  try {
    const url = new URL(raw);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '' ? raw : null;
  } catch {
    return null;
  }
}

// The schema name reaches SQL and `search_path` unquoted, where PostgreSQL folds it to lower case:
// only a plain lower-case identifier means the same schema everywhere.
export const schemaName = (raw: string): string | null => (/^[a-z_][a-z0-9_]{0,62}$/.test(raw) ? raw : null);
