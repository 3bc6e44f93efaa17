import type { DomainEvent, JsonObject } from './event';

/** What metadata may hang on: the folder itself, one of its media or one of its analyses. */
export const META_DATA_TARGETS = ['FOLDER', 'MEDIA', 'ANALYSIS'] as const;
export type MetaDataTargetKind = (typeof META_DATA_TARGETS)[number];

/**
 * The metadata of the folder, a media or an analysis became `meta_data`. It carries the whole new
 * object, whatever the request changed, so a fold sets it and needs no merge rules.
 */
export type MetaDataChanged = DomainEvent<
  'MetaDataChanged',
  {
    target: MetaDataTargetKind;
    /** The folder id for FOLDER, else the media or analysis id. */
    target_id: string;
    meta_data: JsonObject;
  }
>;
