import { CreateReadModel1732300000000 } from './migrations/1732300000000-create-read-model';
import { DropFolderState1732400000000 } from './migrations/1732400000000-drop-folder-state';
import { IndexFileLookups1733400000000 } from './migrations/1733400000000-index-file-lookups';

/**
 * The read model's migrations, in order. An app that keeps the read model next to the event store
 * runs `[...EVENT_STORE_MIGRATIONS, ...READ_MODEL_MIGRATIONS]`; the timestamps sort after them.
 */
export const READ_MODEL_MIGRATIONS = [CreateReadModel1732300000000, DropFolderState1732400000000, IndexFileLookups1733400000000];
