import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { type Actor, OzErrorCode } from '@forensics/domain';
import type { Request, Response } from 'express';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway.config';
import { OzHttpError } from '../errors/oz-http-error';
import { ACCESS_TOKEN_HEADER } from '../identity/access-token.guard';
import { CurrentActor } from '../identity/current-actor.decorator';
import { SessionService } from '../identity/sessions/session.service';
import { flag } from '../read/folder-list-query';
import { FolderReader, type VisibleFolder } from '../read/folder-reader';
import type { FolderUpdates } from '../read/folder-updates';
import { baseUrlOf, folderJson } from './folder-json';
import { FOLDER_UPDATES } from './folders.tokens';

/** Streams one user may hold open at once: a page or two of folders being watched, not a flood. */
export const MAX_STREAMS_PER_USER = 20;

/**
 * Beyond Oz: `GET /api/folders/{id}/stream`, server-sent events. An `status` event with the folder
 * (as `GET /api/folders/{id}/?with_analyses=true` answers it) is sent at once and every time the
 * projection announces a new version; the stream ends once no analysis is running, unless
 * `keep_open=true`. Same authorisation and tenancy as the folder itself, checked again with each
 * heartbeat: a stream ends once its token stops being valid (expired, revoked, user deactivated).
 * A user holds at most MAX_STREAMS_PER_USER streams at once (429 beyond).
 */
@Controller('api/folders')
export class FolderStreamController {
  private readonly open = new Map<string, number>();

  constructor(
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(FOLDER_UPDATES) private readonly updates: FolderUpdates,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  @Get(':folderId/stream')
  async stream(@Param('folderId') folderId: string, @Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const keepOpen = flag(query, 'keep_open');
    // Not found, or another company's: answered before the stream starts, like GET.
    let current: VisibleFolder = await this.reader.folder(folderId, actor);
    const held = this.open.get(actor.user_id) ?? 0;
    if (held >= MAX_STREAMS_PER_USER) {
      throw new OzHttpError(OzErrorCode.AUTH_FORBIDDEN, `At most ${MAX_STREAMS_PER_USER} status streams at once; close one first`, { limit: MAX_STREAMS_PER_USER }, 429, { 'Retry-After': '5' });
    }
    this.open.set(actor.user_id, held + 1);
    const token = request.headers[ACCESS_TOKEN_HEADER];
    const base = baseUrlOf(request);
    response.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    let closed = false;
    let unsubscribe = (): void => undefined;
    let heartbeat: NodeJS.Timeout | undefined = undefined;
    let sentVersion = -1;
    let reading = false;
    let again = false;
    const send = (folder: VisibleFolder) => {
      if (folder.version === sentVersion) return;
      sentVersion = folder.version;
      response.write(`event: status\nid: ${folder.version}\ndata: ${JSON.stringify(folderJson(folder, { withAnalyses: true }, base))}\n\n`);
    };
    const finish = () => {
      if (closed) return;
      closed = true;
      unsubscribe();
      clearInterval(heartbeat);
      const left = (this.open.get(actor.user_id) ?? 1) - 1;
      if (left > 0) this.open.set(actor.user_id, left);
      else this.open.delete(actor.user_id);
      response.end();
    };
    const settled = (folder: VisibleFolder) => folder.groups.length > 0 && folder.groups.every((g) => g.finished);
    const refresh = async () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          current = await this.reader.folder(folderId, actor);
          if (closed) return;
          send(current);
          if (!keepOpen && settled(current)) return finish();
        } while (again);
      } catch {
        finish();
      } finally {
        reading = false;
      }
    };
    // A client that left during the first read: 'close' fired before anyone listened.
    if (request.destroyed || response.destroyed) {
      finish();
      return;
    }
    unsubscribe = this.updates.subscribe(folderId, () => void refresh());
    // The token is checked again with each heartbeat, as any request's is (the check slides a
    // person's expiry whenever it asks the database): a stream does not outlive the session it was
    // opened with, nor the role and company its reads were allowed under.
    heartbeat = setInterval(() => {
      this.sessions.authenticate(Array.isArray(token) ? token[0] : token).then(
        ({ actor: now }) => (now.user_id === actor.user_id && now.company_id === actor.company_id && now.role === actor.role ? closed || response.write(': keep-alive\n\n') : finish()),
        () => finish(),
      );
    }, this.config.streamHeartbeatMs);
    request.on('close', finish);
    send(current);
    if (!keepOpen && settled(current)) finish();
    else void refresh();
  }
}
