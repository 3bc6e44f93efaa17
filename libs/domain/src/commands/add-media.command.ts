import type { Command } from './command';
import type { MediaInput } from './media-input';

/** Add more files to an existing folder. */
export type AddMedia = Command<'AddMedia', { folder_id: string; media: readonly MediaInput[] }>;
