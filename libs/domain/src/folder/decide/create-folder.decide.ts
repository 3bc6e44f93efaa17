import { canChangeFolder, REVIEWERS_ONLY_READ } from '../../access/folder-visibility';
import { validateAnalysisGroup } from '../../analyses/analysis-group.validation';
import type { CreateFolder } from '../../commands/create-folder.command';
import { forbidden, invalidValue } from '../../errors/domain-error';
import type { FolderEvent } from '../../events/folder-event';
import { validateMediaInputs } from '../../media/media-input.validation';
import { optionalEndpoint, optionalMetaData, requireId } from '../../validation/guards';
import { evolveAll } from '../folder.evolve';
import type { FolderPolicy } from '../folder-policy';
import type { FolderState } from '../folder-state';
import { eventMetadata } from './event-metadata';

/** FolderCreated, one MediaUploaded per file and, in single-request mode, the analysis group. */
export function decideCreateFolder({ data, metadata }: CreateFolder, state: FolderState, policy: FolderPolicy): FolderEvent[] {
  const folder_id = requireId(data.folder_id, 'folder_id');
  const company_id = requireId(data.company_id, 'company_id');
  const user_id = requireId(data.user_id, 'user_id');
  if (state.status === 'existing') throw invalidValue(`Folder ${folder_id} already exists`, { folder_id });
  if (!canChangeFolder(metadata.actor)) throw forbidden(REVIEWERS_ONLY_READ);
  if (metadata.actor.company_id !== null && metadata.actor.company_id !== company_id) {
    throw forbidden('A user may create folders only in its own company', { company_id });
  }
  const meta = eventMetadata(metadata, company_id);
  const created: FolderEvent = {
    type: 'FolderCreated',
    data: {
      folder_id,
      company_id,
      user_id,
      meta_data: optionalMetaData(data.meta_data, 'folder:meta_data'),
      resolution_endpoint: optionalEndpoint(data.resolution_endpoint, 'resolution_endpoint'),
    },
    metadata: meta,
  };
  const media = validateMediaInputs(data.media, [], policy).map(
    (m): FolderEvent => ({ type: 'MediaUploaded', data: m, metadata: meta }),
  );
  const events = [created, ...media];
  if (data.analysis_group === undefined || data.analysis_group === null) return events;
  // The group is checked against the folder as it will be once the folder and its media exist.
  const folder = evolveAll(state, events);
  if (folder.status !== 'existing') return events;
  const group: FolderEvent = {
    type: 'AnalysisGroupSubmitted',
    data: validateAnalysisGroup(data.analysis_group, folder),
    metadata: meta,
  };
  return [...events, group];
}
