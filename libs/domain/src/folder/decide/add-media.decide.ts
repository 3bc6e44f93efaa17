import { canChangeFolder, REVIEWERS_ONLY_READ } from '../../access/folder-visibility';
import { forbidden } from '../../errors/domain-error';
import type { AddMedia } from '../../commands/add-media.command';
import type { FolderEvent } from '../../events/folder-event';
import { validateMediaInputs } from '../../media/media-input.validation';
import type { FolderPolicy } from '../folder-policy';
import type { FolderState } from '../folder-state';
import { eventMetadata } from './event-metadata';
import { visibleFolder } from './visible-folder';

export function decideAddMedia({ data, metadata }: AddMedia, state: FolderState, policy: FolderPolicy): FolderEvent[] {
  const folder = visibleFolder(state, metadata.actor, data.folder_id);
  if (!canChangeFolder(metadata.actor)) throw forbidden(REVIEWERS_ONLY_READ);
  const meta = eventMetadata(metadata, folder.company_id);
  return validateMediaInputs(data.media, folder.media, policy).map((m) => ({ type: 'MediaUploaded', data: m, metadata: meta }));
}
