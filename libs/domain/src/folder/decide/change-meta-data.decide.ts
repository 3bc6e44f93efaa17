import { canChangeMetaData } from '../../access/folder-visibility';
import type { ChangeMetaData } from '../../commands/change-meta-data.command';
import { forbidden, invalidValue, notExist } from '../../errors/domain-error';
import type { JsonObject } from '../../events/event';
import type { FolderEvent } from '../../events/folder-event';
import { META_DATA_TARGETS, type MetaDataTargetKind } from '../../events/meta-data-changed.event';
import { jsonEqual } from '../../meta-data/json-equal';
import { changedMetaData } from '../../meta-data/meta-data-change';
import { requireId, requireObject } from '../../validation/guards';
import type { ExistingFolder, FolderState } from '../folder-state';
import { eventMetadata } from './event-metadata';
import { visibleFolder } from './visible-folder';

type Target = Readonly<{ kind: MetaDataTargetKind; id: string; meta_data: JsonObject }>;

/**
 * MetaDataChanged with the whole new object. A change that leaves the object as it was records
 * nothing, so repeating a request is harmless.
 */
export function decideChangeMetaData({ data, metadata }: ChangeMetaData, state: FolderState): FolderEvent[] {
  const folder = visibleFolder(state, metadata.actor, data.folder_id);
  const target = targetIn(folder, data.target);
  if (!canChangeMetaData(metadata.actor)) throw forbidden('An OPERATOR or a CLIENT OPERATOR may read metadata but not change it');
  const meta_data = changedMetaData(target.meta_data, data.change);
  if (jsonEqual(meta_data, target.meta_data)) return [];
  return [
    {
      type: 'MetaDataChanged',
      data: { target: target.kind, target_id: target.id, meta_data },
      metadata: eventMetadata(metadata, folder.company_id),
    },
  ];
}

function targetIn(folder: ExistingFolder, target: unknown): Target {
  const checked = requireObject(target, 'target');
  const kind = checked['kind'];
  if (kind === 'FOLDER') return { kind, id: folder.folder_id, meta_data: folder.meta_data };
  if (kind === 'MEDIA') {
    const id = requireId(checked['media_id'], 'target.media_id');
    const media = folder.media.find((m) => m.media_id === id);
    if (!media) throw notExist(`Media ${id} does not exist`, { media_id: id });
    return { kind, id, meta_data: media.meta_data };
  }
  if (kind === 'ANALYSIS') {
    const id = requireId(checked['analysis_id'], 'target.analysis_id');
    const analysis = folder.analyses.find((a) => a.analysis_id === id);
    if (!analysis) throw notExist(`Analysis ${id} does not exist`, { analysis_id: id });
    return { kind, id, meta_data: analysis.meta_data };
  }
  throw invalidValue(`Field "target.kind" must be one of ${META_DATA_TARGETS.join(', ')}`, { field: 'target.kind', value: kind ?? null });
}
