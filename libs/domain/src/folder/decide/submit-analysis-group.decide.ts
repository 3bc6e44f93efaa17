import { canChangeFolder, REVIEWERS_ONLY_READ } from '../../access/folder-visibility';
import { forbidden } from '../../errors/domain-error';
import { validateAnalysisGroup } from '../../analyses/analysis-group.validation';
import type { SubmitAnalysisGroup } from '../../commands/submit-analysis-group.command';
import type { FolderEvent } from '../../events/folder-event';
import type { FolderState } from '../folder-state';
import { eventMetadata } from './event-metadata';
import { visibleFolder } from './visible-folder';

export function decideSubmitAnalysisGroup({ data, metadata }: SubmitAnalysisGroup, state: FolderState): FolderEvent[] {
  const folder = visibleFolder(state, metadata.actor, data.folder_id);
  if (!canChangeFolder(metadata.actor)) throw forbidden(REVIEWERS_ONLY_READ);
  return [
    {
      type: 'AnalysisGroupSubmitted',
      data: validateAnalysisGroup(data, folder),
      metadata: eventMetadata(metadata, folder.company_id),
    },
  ];
}
