import type { Actor } from '../../access/actor';
import { canSeeFolder } from '../../access/folder-visibility';
import { notExist } from '../../errors/domain-error';
import type { ExistingFolder, FolderState } from '../folder-state';

/** The folder, if it exists and the actor may see it; another tenant's folder reads as absent. */
export function visibleFolder(state: FolderState, actor: Actor, folderId: string): ExistingFolder {
  if (state.status !== 'existing' || !canSeeFolder(actor, state)) {
    throw notExist(`Folder ${folderId} does not exist`, { folder_id: folderId });
  }
  return state;
}

