import type { FolderCommand } from '@forensics/domain';
import type { CheckedRequest } from './ingest-request.guard';

/**
 * Builds the domain command: the type comes from the pattern and the time from ingest's clock, as
 * the domain reads no clock. The data is handed over as it came: the domain checks it field by field.
 */
export function toFolderCommand(type: FolderCommand['type'], request: CheckedRequest, now: Date): FolderCommand {
  const { actor, correlation_id, causation_id } = request.metadata;
  return {
    type,
    data: request.data,
    metadata: { now: now.toISOString(), actor, correlation_id, ...(causation_id === undefined ? {} : { causation_id }) },
  } as unknown as FolderCommand;
}
