import type { PostgresEventStore } from '@forensics/event-store';
import type { IncomingMessage } from '@forensics/messaging';
import { distinctIds } from '@forensics/observability';
import { type FolderEnvelope, type FolderProjection, type FolderRowsRepository, type FolderWrite, missingVersions, parseEnvelope, projectFolder } from '@forensics/read-model';
import type { DeadLetters, PoisonMessage } from './dead-letters';
import type { GroupCommit } from './group-commit';
import type { ProjectionCache } from './projection-cache';
import type { ProjectionMetrics } from './projection-metrics';
import { foldableEnvelope, loadStoredProjections, UnfoldableStoredEventError } from './stored-projections';

export type FoldBatchDependencies = Readonly<{
  rows: FolderRowsRepository;
  eventStore: PostgresEventStore;
  deadLetters: DeadLetters;
  metrics: ProjectionMetrics;
  /** Writes the folders with the batches of other partitions (`FolderRowsRepository.commit`). */
  groupCommit: GroupCommit;
  cache: ProjectionCache;
  log: (entry: Record<string, unknown>) => void;
}>;

/** A stored version moved under the batch (a rebalance overlap, or a rebuild's switch): fold it again. */
export class ReadModelMovedError extends Error {
  override readonly name = 'ReadModelMovedError';
}

/**
 * Folds one Kafka batch into the read model in one transaction: poison messages to the dead-letter
 * topic, events grouped by folder, gaps filled from the event store, redeliveries ignored by
 * version, every folder written with its version checked in SQL, and a NOTIFY per folder that
 * PostgreSQL delivers on commit. Throws to have the whole batch delivered again; what it wrote of
 * the batch before is then a redelivery.
 */
export async function foldBatch(messages: readonly IncomingMessage[], deps: FoldBatchDependencies): Promise<void> {
  const [first] = messages;
  if (first) deps.metrics.fetchDelay.observe(Math.max(0, Date.now() - first.timestampMs) / 1000);
  const timer = deps.metrics.batchSeconds.startTimer();
  await foldAndCommit(messages, deps);
  timer();
}

async function foldAndCommit(messages: readonly IncomingMessage[], deps: FoldBatchDependencies): Promise<void> {
  const { envelopes, poison, sources } = parse(messages);
  if (poison.length > 0) await deadLetter(poison, deps);
  const byFolder = groupByFolder(envelopes);
  if (byFolder.size === 0) return;
  const { current, takenAsNew } = await currentProjections(byFolder, deps);
  const folded = await foldFolders(byFolder, current, sources, deps);
  const conflicts = await write(writesOf(folded), deps);
  if (conflicts.some((id) => !takenAsNew.has(id))) throw new ReadModelMovedError(`read model moved for folders ${conflicts.join(', ')}`);
  if (conflicts.length > 0) {
    // Folders taken as new are stored after all (a batch delivered again after a restart, another
    // member's write before a rebalance, a rebuild's switch): read them and fold them again, now.
    const stored = await loadStoredProjections(conflicts, deps);
    const again = await foldFolders(new Map(conflicts.map((id) => [id, byFolder.get(id) ?? []])), stored, sources, deps);
    const stillMoved = await write(writesOf(again), deps);
    if (stillMoved.length > 0) throw new ReadModelMovedError(`read model moved for folders ${stillMoved.join(', ')}`);
    for (const [id, refolded] of again) folded.set(id, refolded);
  }
  const done = [...folded.values()];
  // Said once the rows are in: a crash before this delivers the batch again, and the same events are behind again.
  const behind = done.flatMap((f) => f.behind);
  if (behind.length > 0) await deadLetter(behind, deps);
  for (const { applied, redelivered } of done) {
    deps.metrics.eventsApplied.inc(applied);
    if (redelivered > 0) deps.metrics.redeliveries.inc(redelivered);
  }
  deps.metrics.batches.inc();
  // One line per batch, never per event: the fold's budget is about 75 µs an event.
  deps.log({ level: 'info', message: 'batch committed', events: envelopes.length, folders: byFolder.size, correlation_ids: distinctIds(envelopes, (e) => e.correlation_id) });
}

/** One folder's fold: what to write (none when nothing of it could be folded), and what to count and dead-letter once written. */
type FoldedFolder = {
  write: FolderWrite | null;
  /** Events held back behind an event of the folder this version cannot read, for the dead-letter topic. */
  behind: PoisonMessage[];
  applied: number;
  redelivered: number;
};

const writesOf = (folded: ReadonlyMap<string, FoldedFolder>): FolderWrite[] => [...folded.values()].flatMap((f) => (f.write ? [f.write] : []));

/** Folds each folder's events of the batch onto its stored projection (none: a new folder), gaps filled from the store. */
async function foldFolders(byFolder: ReadonlyMap<string, FolderEnvelope[]>, current: ReadonlyMap<string, FolderProjection>, sources: ReadonlyMap<FolderEnvelope, IncomingMessage>, deps: FoldBatchDependencies): Promise<Map<string, FoldedFolder>> {
  const folded = new Map<string, FoldedFolder>();
  for (const [folderId, events] of byFolder) {
    const stored = current.get(folderId) ?? null;
    const behind: PoisonMessage[] = [];
    let complete: FolderEnvelope[];
    try {
      complete = await withGapsFilled(stored, events, folderId, deps);
    } catch (error) {
      if (!(error instanceof UnfoldableStoredEventError)) throw error;
      // The folder cannot pass an event of its own history that this version cannot read: it is
      // folded up to the one before, and its later events go where that one went, with the
      // reason, rather than hold up every folder of the partition for ever. A projection that can
      // read it folds them again from the store (a rebuild).
      const reason = `behind an unreadable event: folder ${error.folderId} stops at version ${error.version - 1}; ${error.message}`;
      const after = events.filter((e) => e.stream_version > error.version);
      behind.push(...after.map((e) => ({ message: sources.get(e) as IncomingMessage, reason })));
      complete = await withGapsFilled(stored, events.filter((e) => e.stream_version < error.version), folderId, deps);
    }
    const storedVersion = stored?.version ?? 0;
    const projection = complete.length > 0 ? projectFolder(stored, complete) : null;
    folded.set(folderId, {
      write: projection && { expectedVersion: storedVersion, projection },
      behind,
      applied: projection ? projection.version - storedVersion : 0,
      redelivered: projection ? events.filter((e) => e.stream_version <= storedVersion).length : 0,
    });
  }
  return folded;
}

/**
 * The projections of these folders: from the cache when this process wrote them, none for a
 * folder the batch creates (its first event is in it: `takenAsNew`, checked by the write's
 * version check), else folded again from the store.
 */
async function currentProjections(byFolder: ReadonlyMap<string, readonly FolderEnvelope[]>, deps: FoldBatchDependencies): Promise<{ current: Map<string, FolderProjection>; takenAsNew: Set<string> }> {
  const current = new Map<string, FolderProjection>();
  const takenAsNew = new Set<string>();
  const unknown: string[] = [];
  for (const [id, events] of byFolder) {
    const cached = deps.cache.get(id);
    if (cached) current.set(id, cached);
    else if (events.some((e) => e.stream_version === 1)) takenAsNew.add(id);
    else unknown.push(id);
  }
  if (unknown.length > 0) for (const [id, projection] of await loadStoredProjections(unknown, deps)) current.set(id, projection);
  return { current, takenAsNew };
}

function parse(messages: readonly IncomingMessage[]) {
  const envelopes: FolderEnvelope[] = [];
  const poison: PoisonMessage[] = [];
  // Which message each envelope came from, for the dead-letter topic.
  const sources = new Map<FolderEnvelope, IncomingMessage>();
  for (const message of messages) {
    const parsed = parseEnvelope(message.value ?? '');
    if (parsed.ok) {
      envelopes.push(parsed.envelope);
      sources.set(parsed.envelope, message);
    } else poison.push({ message, reason: parsed.reason });
  }
  return { envelopes, poison, sources };
}

async function deadLetter(poison: readonly PoisonMessage[], deps: FoldBatchDependencies): Promise<void> {
  await deps.deadLetters.send(poison);
  for (const { message, reason } of poison) {
    deps.metrics.deadLetters.inc({ reason: reason.split(':')[0] ?? 'invalid' });
    deps.log({ level: 'warn', message: 'dead-lettered a message', reason, partition: message.partition, offset: message.offset, key: message.key });
  }
}

function groupByFolder(envelopes: readonly FolderEnvelope[]): Map<string, FolderEnvelope[]> {
  const grouped = new Map<string, FolderEnvelope[]>();
  for (const envelope of envelopes) {
    const own = grouped.get(envelope.stream_id);
    if (own) own.push(envelope);
    else grouped.set(envelope.stream_id, [envelope]);
  }
  return grouped;
}

/** A folder never skips a version: what the batch lacks is read from the event store. */
async function withGapsFilled(stored: FolderProjection | null, events: FolderEnvelope[], folderId: string, deps: FoldBatchDependencies) {
  const missing = missingVersions(stored, events);
  if (missing.length === 0) return events;
  const fetched = await deps.eventStore.readStreamRange(folderId, Math.min(...missing), Math.max(...missing));
  const filled = fetched.map(foldableEnvelope);
  deps.metrics.gapFills.inc(filled.length);
  deps.log({ level: 'info', message: 'filled a gap from the event store', folder_id: folderId, versions: missing });
  return [...events, ...filled];
}

/** Writes the folders; answers those whose stored version had moved (nothing of them written). */
async function write(writes: readonly FolderWrite[], deps: FoldBatchDependencies): Promise<string[]> {
  // One round trip, with other partitions' batches: the switch lock (shared with other batches; a
  // rebuild's switch takes it alone, so no batch straddles it), the upsert and the NOTIFYs.
  const result = await deps.groupCommit.commit(writes).catch((error: unknown) => {
    // Nothing of the batch is stored; what the cache holds for its folders may be ahead of the tables.
    deps.cache.forget(writes.map((w) => w.projection.folder_id));
    throw error;
  });
  const conflicts = new Set(result.conflicts);
  for (const { projection } of writes) {
    if (conflicts.has(projection.folder_id)) deps.cache.forget([projection.folder_id]);
    else deps.cache.set(projection);
  }
  return [...result.conflicts];
}
