import { randomUUID } from 'node:crypto';
import { INGEST_PATTERNS, type IngestReply } from '@forensics/contracts';
import { type Actor, type MediaInput, type MetaDataChange, type MetaDataTarget, OzErrorCode } from '@forensics/domain';
import { type AnalysisGroupRow } from '@forensics/read-model';
import { forbidden, OzHttpError } from '../errors/oz-http-error';
import type { IngestClient } from '../ingest/ingest-client';
import type { FolderReader, VisibleFolder } from '../read/folder-reader';
import type { FolderUpdates } from '../read/folder-updates';
import { readUntil, watchFolder } from '../read/wait-for-folder';
import type { RequestedAnalysis } from './upload-payload';

export type CommandContext = Readonly<{ actor: Actor; correlationId: string; idempotencyKey: string | undefined }>;

// A command's own effect reaches the read model in milliseconds; this is only the safety net.
const OWN_WRITE_TIMEOUT_MS = 10_000;

/**
 * Sends the folder commands to ingest and answers from the read model once the projection has
 * applied them, so a client that reads right after a write sees it.
 */
export class FolderCommands {
  constructor(
    private readonly ingest: IngestClient,
    private readonly reader: FolderReader,
    private readonly updates: FolderUpdates,
  ) {}

  async createFolder(
    input: Readonly<{ media: readonly MediaInput[]; metaData: Record<string, unknown>; analyses: readonly RequestedAnalysis[] | null; resolutionEndpoint: string | null; keys: ReadonlyMap<string, string> }>,
    context: CommandContext,
    singleRequestTimeoutMs: number,
  ): Promise<{ folder: VisibleFolder; groupId: string | null; timedOut: boolean; duplicate: boolean }> {
    const { actor } = context;
    if (actor.company_id === null) throw forbidden('Folders belong to a company: create them as a user of one');
    const folderId = randomUUID();
    const groupId = input.analyses ? randomUUID() : null;
    const run = () =>
      this.ingest.send(INGEST_PATTERNS.createFolder, {
        data: {
          folder_id: folderId,
          company_id: actor.company_id as string,
          user_id: actor.user_id,
          meta_data: input.metaData as never,
          resolution_endpoint: input.resolutionEndpoint,
          media: input.media,
          analysis_group: groupId && input.analyses ? { group_id: groupId, analyses: this.requestedAnalyses(input.analyses, input.keys) } : null,
        },
        metadata: { actor, correlation_id: context.correlationId },
        ...(context.idempotencyKey ? { idempotency_key: context.idempotencyKey } : {}),
      });
    // A single request waits for its group; a plain create only for its own write.
    const done = groupId ? (f: VisibleFolder | null) => groupFinished(f, groupId) : () => true;
    const reply = await this.afterCommand(folderId, run, done, groupId ? singleRequestTimeoutMs : 0, actor);
    return { folder: reply.folder, groupId, timedOut: reply.timedOut, duplicate: reply.duplicate };
  }

  async addMedia(folderId: string, media: readonly MediaInput[], context: CommandContext): Promise<VisibleFolder> {
    const run = () => this.ingest.send(INGEST_PATTERNS.addMedia, { data: { folder_id: folderId, media }, metadata: { actor: context.actor, correlation_id: context.correlationId } });
    return (await this.afterCommand(folderId, run, () => true, 0, context.actor)).folder;
  }

  async submitAnalyses(folderId: string, analyses: readonly RequestedAnalysis[], resolutionEndpoint: string | null, context: CommandContext): Promise<{ folder: VisibleFolder; groupId: string }> {
    const groupId = randomUUID();
    const run = () =>
      this.ingest.send(INGEST_PATTERNS.submitAnalysisGroup, {
        data: { folder_id: folderId, group_id: groupId, analyses: this.requestedAnalyses(analyses, new Map()), resolution_endpoint: resolutionEndpoint },
        metadata: { actor: context.actor, correlation_id: context.correlationId },
        ...(context.idempotencyKey ? { idempotency_key: context.idempotencyKey } : {}),
      });
    const { folder } = await this.afterCommand(folderId, run, () => true, 0, context.actor);
    return { folder, groupId };
  }

  async decide(folderId: string, analysisId: string, resolution: 'SUCCESS' | 'DECLINED', comment: string, context: CommandContext): Promise<VisibleFolder> {
    const run = () =>
      this.ingest.send(INGEST_PATTERNS.resolveAnalysisByOperator, {
        data: { folder_id: folderId, analysis_id: analysisId, resolution, comment },
        metadata: { actor: context.actor, correlation_id: context.correlationId },
      });
    return (await this.afterCommand(folderId, run, () => true, 0, context.actor)).folder;
  }

  /** Changes the metadata of the folder, one of its media or one of its analyses; a change that changes nothing records nothing. */
  async changeMetaData(folderId: string, target: MetaDataTarget, change: MetaDataChange, context: CommandContext): Promise<VisibleFolder> {
    const run = () =>
      this.ingest.send(INGEST_PATTERNS.changeMetaData, {
        data: { folder_id: folderId, target, change },
        metadata: { actor: context.actor, correlation_id: context.correlationId },
        ...(context.idempotencyKey ? { idempotency_key: context.idempotencyKey } : {}),
      });
    return (await this.afterCommand(folderId, run, () => true, 0, context.actor)).folder;
  }

  /**
   * Runs the command, then waits until the read model holds its version (the caller's own write,
   * always), then until `done` holds, within `timeoutMs` from the start (a single request's wait).
   */
  private async afterCommand(
    folderId: string,
    run: () => Promise<IngestReply>,
    done: (folder: VisibleFolder | null, version: number) => boolean,
    timeoutMs: number,
    actor: Actor,
  ): Promise<{ folder: VisibleFolder; timedOut: boolean; duplicate: boolean }> {
    const started = Date.now();
    let watch = watchFolder(this.updates, folderId);
    try {
      const reply = await run();
      const { version } = reply;
      // A repeated Idempotency-Key answers for the folder its first request made.
      const target = reply.folder_id;
      if (target !== folderId) {
        watch.close();
        watch = watchFolder(this.updates, target);
      }
      const read = () => this.reader.folder(target, actor).catch(() => null);
      // A command that appended to the watched folder is announced when the projection folds it:
      // the watch began before the command, so an announcement that came first is not missed, and
      // a reconnect of the listener announces every folder. Nothing is read before then: a read now
      // would find the write not there yet. A command that appended nothing (a repeated key, a
      // change that changes nothing) may never be announced: the folder is read at once.
      const announced = target === folderId && !reply.duplicate && reply.events.length > 0;
      const written = await readUntil(watch, read, (f) => f !== null && f.version >= version, OWN_WRITE_TIMEOUT_MS, ...(announced ? [{ value: null }] : []));
      if (written.timedOut || !written.value) throw new OzHttpError(OzErrorCode.EXTERNAL_SERVICE, 'The command was recorded, but the read model has not caught up yet; read the folder again shortly', { folder_id: target }, 503);
      // The folder in hand is judged first: it is read again only when the projection announces a change.
      const { value, timedOut } = await readUntil(watch, read, (f) => f !== null && done(f, version), timeoutMs - (Date.now() - started), { value: written.value });
      return { folder: value ?? written.value, timedOut, duplicate: reply.duplicate };
    } finally {
      watch.close();
    }
  }

  /** The domain's analysis requests: ids made here, `source_media` given as media ids or as the file keys of this request. */
  private requestedAnalyses(analyses: readonly RequestedAnalysis[], keys: ReadonlyMap<string, string>) {
    return analyses.map((a) => ({
      analysis_id: randomUUID(),
      type: a.type,
      source_media_ids: a.source_media ? a.source_media.map((id) => keys.get(id) ?? id) : null,
      params: a.params as never,
      meta_data: a.meta_data as never,
    }));
  }
}

const groupFinished = (folder: VisibleFolder | null, groupId: string): boolean =>
  folder?.groups.some((g: AnalysisGroupRow) => g.group_id === groupId && g.finished) ?? false;
