import type { CommandMetadata } from '../../commands/command';
import type { EventMetadata } from '../../events/event';

/** Events carry the folder's company, so an operator's decision still belongs to its tenant. */
export function eventMetadata(metadata: CommandMetadata, companyId: string): EventMetadata {
  return {
    occurred_at: metadata.now,
    user_id: metadata.actor.user_id,
    company_id: companyId,
    correlation_id: metadata.correlation_id,
    ...(metadata.causation_id === undefined ? {} : { causation_id: metadata.causation_id }),
  };
}
