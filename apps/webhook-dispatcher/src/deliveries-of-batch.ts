import { evolve, type FolderEvent, initialFolderState } from '@forensics/domain';
import type { PostgresEventStore } from '@forensics/event-store';
import type { IncomingMessage } from '@forensics/messaging';
import type { Log } from '@forensics/observability';
import { type FolderEnvelope, parseEnvelope } from '@forensics/read-model';
import { checkTarget, type NewDelivery } from '@forensics/webhooks';
import { deliveryTrigger } from './delivery-trigger';

/** Only these can finish a group or change a verdict; everything else is skipped unread. */
const TRIGGERING = new Set(['AnalysisFinished', 'AnalysisFailed', 'AnalysisResolvedByOperator']);

export type BatchDependencies = Readonly<{
  eventStore: PostgresEventStore;
  allowPrivateTargets: boolean;
  /** Name resolution for the target check; the system's DNS unless a test replaces it. */
  resolve?: (host: string) => Promise<string[]>;
  /** Keeps the consumer group membership while name lookups take their time. */
  heartbeat?: () => Promise<void>;
  log: Log;
}>;

/**
 * The deliveries a batch calls for. Each event is judged on the folder's stream from the event
 * store up to and including it, so a redelivered or late event is judged as it was, whatever
 * came after; the stream (not Kafka) is the truth, so a gap in the topic cannot hide a trigger.
 */
export async function deliveriesOfBatch(messages: readonly IncomingMessage[], deps: BatchDependencies): Promise<NewDelivery[]> {
  const envelopes: FolderEnvelope[] = [];
  for (const message of messages) {
    if (message.headers['type'] !== undefined && !TRIGGERING.has(message.headers['type'])) continue;
    const parsed = parseEnvelope(message.value ?? '');
    // The projection dead-letters what it cannot read (a newer schema version, say); a trigger
    // among those is not lost for good: it is said here, for an operator to re-send after an upgrade.
    if (!parsed.ok) {
      deps.log({ level: 'warn', message: 'event not readable, no webhook decided for it', reason: parsed.reason, partition: message.partition, offset: message.offset, key: message.key });
      continue;
    }
    if (!TRIGGERING.has(parsed.envelope.type)) continue;
    envelopes.push(parsed.envelope);
  }
  if (envelopes.length === 0) return [];
  const bounds = new Map<string, number>();
  for (const e of envelopes) bounds.set(e.stream_id, Math.max(bounds.get(e.stream_id) ?? 0, e.stream_version));
  const streams = await deps.eventStore.readStreamsUpTo(bounds);
  const triggered: { envelope: FolderEnvelope; trigger: NonNullable<ReturnType<typeof deliveryTrigger>>; companyId: string }[] = [];
  for (const envelope of envelopes) {
    const history = (streams.get(envelope.stream_id) ?? []).filter((e) => e.stream_version <= envelope.stream_version);
    const last = history[history.length - 1];
    if (last?.stream_version !== envelope.stream_version) {
      deps.log({ level: 'warn', message: 'event not in the event store, skipped', event_id: envelope.event_id, folder_id: envelope.stream_id, correlation_id: envelope.correlation_id });
      continue;
    }
    const events = history.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata }) as FolderEvent);
    const before = events.slice(0, -1).reduce(evolve, initialFolderState());
    const after = evolve(before, events[events.length - 1] as FolderEvent);
    const trigger = deliveryTrigger(before, after, events[events.length - 1] as FolderEvent);
    if (!trigger || after.status !== 'existing') continue;
    triggered.push({ envelope, trigger, companyId: after.company_id });
  }
  // The targets are checked at the same time, with a heartbeat as each answers: a name server
  // that stays silent (up to 3 s a name) must not cost the member its partitions.
  return Promise.all(
    triggered.map(async ({ envelope, trigger, companyId }): Promise<NewDelivery> => {
      // A name that does not resolve now may later: the sender checks again before each attempt.
      const check = await checkTarget(trigger.targetUrl, deps.allowPrivateTargets, ...(deps.resolve ? [deps.resolve] : []));
      await deps.heartbeat?.();
      const refused = !check.ok && check.transient !== true;
      const context = { event_id: envelope.event_id, folder_id: envelope.stream_id, correlation_id: envelope.correlation_id, reason: trigger.reason, target_url: trigger.targetUrl };
      if (!check.ok && refused) deps.log({ level: 'warn', message: 'webhook target refused', refusal: check.reason, address: check.address ?? null, ...context });
      return {
        event_id: envelope.event_id,
        folder_id: envelope.stream_id,
        company_id: companyId,
        stream_version: envelope.stream_version,
        correlation_id: envelope.correlation_id,
        target_url: trigger.targetUrl,
        reason: trigger.reason,
        ...(!check.ok && refused ? { refused: check.reason } : {}),
      };
    }),
  );
}
