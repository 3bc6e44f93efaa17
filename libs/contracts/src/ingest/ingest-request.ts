import type { Actor } from '@forensics/domain';
import type { CommandDataOf, IngestPattern } from './ingest-patterns';

/** Who asks and in which HTTP request; ingest adds the time itself when it builds the command. */
export type IngestRequestMetadata = Readonly<{
  actor: Actor;
  correlation_id: string;
  causation_id?: string;
}>;

/** The payload of every pattern: the command's data, who sends it, and an optional retry key. */
export type IngestRequest<Data = unknown> = Readonly<{
  data: Data;
  metadata: IngestRequestMetadata;
  /** The same key from the same user appends once; a repeat answers `duplicate: true`. */
  idempotency_key?: string;
}>;

/** The payload a pattern expects, typed for callers such as the gateway. */
export type IngestRequestOf<P extends IngestPattern> = IngestRequest<CommandDataOf<P>>;
