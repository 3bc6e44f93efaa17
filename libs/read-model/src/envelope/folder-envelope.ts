import type { EventMetadata, FolderEvent, FolderEventType } from '@forensics/domain';
import type { EventEnvelope } from '@forensics/event-store';

type DataOf<T extends FolderEventType> = Extract<FolderEvent, { type: T }>['data'];

/**
 * An envelope whose type, schema version and data were checked: the only thing the fold accepts,
 * so an event it cannot interpret never reaches it. Still an `EventEnvelope` in shape.
 */
export type FolderEnvelope = {
  [T in FolderEventType]: Readonly<Omit<EventEnvelope, 'type' | 'data'> & { type: T; data: DataOf<T> }>;
}[FolderEventType];

/** The domain event inside an envelope, for `evolve`. */
export function toFolderEvent(envelope: FolderEnvelope): FolderEvent {
  const metadata: EventMetadata = {
    occurred_at: envelope.occurred_at,
    user_id: envelope.user_id ?? '',
    company_id: envelope.company_id,
    correlation_id: envelope.correlation_id ?? '',
    ...(envelope.causation_id === null ? {} : { causation_id: envelope.causation_id }),
  };
  // The mapped union pairs each type with its data, but TypeScript cannot follow that pairing
  // through the spread, so the event is rebuilt and asserted once here.
  return { type: envelope.type, data: envelope.data, metadata } as FolderEvent;
}
