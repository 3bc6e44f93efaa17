import type { AnalysisGroupRequest } from '../commands/submit-analysis-group.command';
import { invalidStructure, invalidValue } from '../errors/domain-error';
import type { AnalysisGroupSubmitted, AnalysisType, SubmittedAnalysis } from '../events/analysis-group-submitted.event';
import type { ExistingFolder } from '../folder/folder-state';
import { assignMedia, MIN_MEDIA } from '../media/media-assignment';
import {
  duplicatesIn,
  optionalEndpoint,
  optionalMetaData,
  requireArray,
  requireId,
  requireObject,
  requireStringList,
} from '../validation/guards';
import { validateAnalysisParams } from './analysis-params.validation';
import { parseAnalysisType } from './analysis-type';

/**
 * A group is one check of a person (a few analyses of four types): far fewer than this. The
 * bounds keep one request from becoming thousands of jobs, or an event the topic cannot carry.
 */
export const MAX_ANALYSES_PER_GROUP = 20;
export const MAX_GROUPS_PER_FOLDER = 100;

/** Turns a group request into the data of AnalysisGroupSubmitted, or refuses it with an Oz code. */
export function validateAnalysisGroup(raw: unknown, folder: ExistingFolder): AnalysisGroupSubmitted['data'] {
  const request = requireObject(raw, 'analysis_group') as Partial<Record<keyof AnalysisGroupRequest, unknown>>;
  const group_id = requireId(request.group_id, 'group_id');
  if (folder.groups.some((g) => g.group_id === group_id)) {
    throw invalidValue('This analysis group already exists', { group_id });
  }
  const requested = requireArray(request.analyses, 'analyses');
  if (requested.length === 0) throw invalidStructure('Field "analyses" must name at least one analysis', { field: 'analyses' });
  if (requested.length > MAX_ANALYSES_PER_GROUP) {
    throw invalidValue(`A group holds at most ${MAX_ANALYSES_PER_GROUP} analyses`, { field: 'analyses', limit: MAX_ANALYSES_PER_GROUP, found: requested.length });
  }
  if (folder.groups.length >= MAX_GROUPS_PER_FOLDER) {
    throw invalidValue(`A folder holds at most ${MAX_GROUPS_PER_FOLDER} analysis groups`, { limit: MAX_GROUPS_PER_FOLDER });
  }
  const analyses = requested.map((item, index) => validateAnalysis(item, `analyses[${index}]`, folder));
  const ids = [...folder.analyses.map((a) => a.analysis_id), ...analyses.map((a) => a.analysis_id)];
  const repeated = duplicatesIn(ids);
  if (repeated.length > 0) throw invalidValue('An analysis id is used twice in the folder', { analysis_ids: repeated });
  return { group_id, analyses, resolution_endpoint: optionalEndpoint(request.resolution_endpoint, 'resolution_endpoint') };
}

function validateAnalysis(raw: unknown, field: string, folder: ExistingFolder): SubmittedAnalysis {
  const request = requireObject(raw, field);
  const type = parseAnalysisType(request['type'], `${field}.type`);
  return {
    analysis_id: requireId(request['analysis_id'], `${field}.analysis_id`),
    type,
    source_media_ids: sourceMedia(type, request['source_media_ids'], `${field}.source_media`, folder),
    params: validateAnalysisParams(request['params'], `${field}.params`),
    meta_data: optionalMetaData(request['meta_data'], `${field}.meta_data`),
  };
}

/**
 * Media named by the client are taken as they are; otherwise the type's rule picks them. Either
 * way, too few media is refused now rather than failing later, and nothing is stored.
 */
function sourceMedia(type: AnalysisType, raw: unknown, field: string, folder: ExistingFolder): string[] {
  const named = raw === undefined || raw === null ? [] : requireStringList(raw, field);
  const unknown = named.filter((id) => !folder.media.some((m) => m.media_id === id));
  if (unknown.length > 0) throw invalidValue('source_media names media that are not in this folder', { field, media_ids: unknown });
  const chosen = named.length > 0 ? [...new Set(named)] : assignMedia(type, folder.media);
  if (chosen.length < MIN_MEDIA[type]) {
    throw invalidValue(`${type} needs at least ${MIN_MEDIA[type]} suitable media, found ${chosen.length}`, {
      field,
      type,
      required: MIN_MEDIA[type],
      found: chosen.length,
    });
  }
  return chosen;
}
