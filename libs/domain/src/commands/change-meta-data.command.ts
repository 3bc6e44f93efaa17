import type { JsonObject } from '../events/event';
import type { Command } from './command';

/** Whose metadata a command changes. */
export type MetaDataTarget =
  | Readonly<{ kind: 'FOLDER' }>
  | Readonly<{ kind: 'MEDIA'; media_id: string }>
  | Readonly<{ kind: 'ANALYSIS'; analysis_id: string }>;

/**
 * REPLACE sets the whole object; MERGE sets the given top-level keys and keeps the others;
 * DELETE removes the listed top-level keys, or every key when `keys` is null.
 */
export type MetaDataChange =
  | Readonly<{ op: 'REPLACE' | 'MERGE'; meta_data: JsonObject }>
  | Readonly<{ op: 'DELETE'; keys: readonly string[] | null }>;

/** Change the free-form metadata of a folder, one of its media or one of its analyses. */
export type ChangeMetaData = Command<'ChangeMetaData', { folder_id: string; target: MetaDataTarget; change: MetaDataChange }>;
