/** Limits a deployment configures; they come in from the edge like the clock does. */
export type FolderPolicy = Readonly<{ maxMediaPerFolder: number }>;

/** Oz's documented default: at most 10 files per folder (reference/oz-api.md §1.3). */
export const DEFAULT_FOLDER_POLICY: FolderPolicy = { maxMediaPerFolder: 10 };
