import type { MediaInput } from '../commands/media-input';
import { invalidValue } from '../errors/domain-error';
import { MEDIA_MIME_TYPES, MEDIA_TYPES, type MediaType } from '../events/media-uploaded.event';
import type { FolderPolicy } from '../folder/folder-policy';
import type { MediaRecord } from '../folder/folder-state';
import {
  duplicatesIn,
  optionalMetaData,
  requireArray,
  requireId,
  requireNonNegativeInteger,
  requireObject,
  requireStringList,
} from '../validation/guards';

const SHA256 = /^[0-9a-f]{64}$/;

/** Checks the media of a command against each other and the folder's, and normalises them. */
export function validateMediaInputs(raw: unknown, existing: readonly MediaRecord[], policy: FolderPolicy): MediaRecord[] {
  const media = requireArray(raw, 'media').map((item, index) => validateMediaInput(item, `media[${index}]`));
  if (existing.length + media.length > policy.maxMediaPerFolder) {
    throw invalidValue(`A folder holds at most ${policy.maxMediaPerFolder} files`, {
      limit: policy.maxMediaPerFolder,
      existing: existing.length,
      added: media.length,
    });
  }
  const ids = [...existing.map((m) => m.media_id), ...media.map((m) => m.media_id)];
  const repeated = duplicatesIn(ids);
  if (repeated.length > 0) throw invalidValue('A media id is used twice in the folder', { media_ids: repeated });
  return media;
}

function validateMediaInput(raw: unknown, field: string): MediaRecord {
  const input = requireObject(raw, field) as Partial<Record<keyof MediaInput, unknown>>;
  const media_id = requireId(input.media_id, `${field}.media_id`);
  if (typeof input.original_name !== 'string') {
    throw invalidValue(`Field "${field}.original_name" must be a string`, { field: `${field}.original_name` });
  }
  if (!MEDIA_TYPES.includes(input.media_type as MediaType)) {
    throw invalidValue(`Field "${field}.media_type" must be one of ${MEDIA_TYPES.join(', ')}`, {
      field: `${field}.media_type`,
      value: input.media_type,
    });
  }
  const blob = requireObject(input.blob, `${field}.blob`);
  if (typeof blob['sha256'] !== 'string' || !SHA256.test(blob['sha256'])) {
    throw invalidValue(`Field "${field}.blob.sha256" must be a lower-case sha256 hex digest`, { field });
  }
  const mime = blob['mime'];
  if (typeof mime !== 'string' || !(mime in MEDIA_MIME_TYPES)) {
    throw invalidValue('File content is not an allowed media type (JPEG, PNG, MP4, QuickTime, WebM)', { field: `${field}.blob.mime`, value: mime });
  }
  if (input.media_type !== 'SHOTS_SET_FOLDER' && MEDIA_MIME_TYPES[mime] !== input.media_type) {
    throw invalidValue(`Field "${field}.media_type" does not match the file content (${mime})`, { field: `${field}.media_type` });
  }
  return {
    media_id,
    original_name: input.original_name,
    media_type: input.media_type as MediaType,
    tags: input.tags === undefined ? [] : requireStringList(input.tags, `${field}.tags`),
    meta_data: optionalMetaData(input.meta_data, `${field}.meta_data`),
    blob: { sha256: blob['sha256'], size: requireNonNegativeInteger(blob['size'], `${field}.blob.size`), mime },
  };
}
