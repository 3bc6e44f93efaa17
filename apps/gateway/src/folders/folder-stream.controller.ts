import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { Request, Response } from 'express';
import { CurrentActor } from '../identity/current-actor.decorator';
import { flag } from '../read/folder-list-query';
import { FolderReader, type VisibleFolder } from '../read/folder-reader';
import type { FolderUpdates } from '../read/folder-updates';
import { baseUrlOf, folderJson } from './folder-json';
import { FOLDER_UPDATES } from './folders.tokens';

const HEARTBEAT_MS = 15_000;

/**
 * Beyond Oz: `GET /api/folders/{id}/stream`, server-sent events. An `status` event with the folder
 * (as `GET /api/folders/{id}/?with_analyses=true` answers it) is sent at once and every time the
 * projection announces a new version; the stream ends once no analysis is running, unless
 * `keep_open=true`. Same authorisation and tenancy as the folder itself.
 */
@Controller('api/folders')
export class FolderStreamController {
  constructor(
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(FOLDER_UPDATES) private readonly updates: FolderUpdates,
  ) {}

  @Get(':folderId/stream')
  async stream(@Param('folderId') folderId: string, @Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response, @CurrentActor() actor: Actor): Promise<void> {
    const keepOpen = flag(query, 'keep_open');
    // Not found, or another company's: answered before the stream starts, like GET.
    let current: VisibleFolder = await this.reader.folder(folderId, actor);
    const base = baseUrlOf(request);
    response.status(200).set({ 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    response.flushHeaders();
    let closed = false;
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
    const unsubscribe = this.updates.subscribe(folderId, () => void refresh());
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), HEARTBEAT_MS);
    request.on('close', finish);
    send(current);
    if (!keepOpen && settled(current)) finish();
    else void refresh();
  }
}
