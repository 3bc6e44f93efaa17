import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { PostgresEventStore } from '@forensics/event-store';
import { CurrentActor } from '../identity/current-actor.decorator';
import { integer } from '../read/folder-list-query';
import { FolderReader } from '../read/folder-reader';
import { EVENT_STORE } from './folders.tokens';

const MAX_PAGE = 1_000;

/** Beyond Oz: the audit trail of a folder, every event in order, as the event store keeps it. */
@Controller('api/folders')
export class FolderEventsController {
  constructor(
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(EVENT_STORE) private readonly store: PostgresEventStore,
  ) {}

  /**
   * A page of the history: `limit` events (1-1000, default 1000) after `after_version` (default
   * 0). `next_after_version` says where the next page starts; null when this one reaches the end.
   */
  @Get(':folderId/events')
  async history(@Param('folderId') folderId: string, @Query() query: Record<string, unknown>, @CurrentActor() actor: Actor) {
    // Versions are PostgreSQL integers: a page past their range would fail the query.
    const after = integer(query, 'after_version', 0, 0, 2_147_483_647 - MAX_PAGE - 1);
    const limit = integer(query, 'limit', MAX_PAGE, 1, MAX_PAGE);
    await this.reader.folder(folderId, actor);
    // One more than asked for says whether there is a next page.
    const events = await this.store.readStreamRange(folderId, after + 1, after + limit + 1);
    const page = events.slice(0, limit);
    const more = events.length > limit;
    return {
      folder_id: folderId,
      next_after_version: more ? (page.at(-1)?.stream_version ?? after) : null,
      items: page.map((e) => ({
        event_id: e.event_id,
        type: e.type,
        schema_version: e.schema_version,
        stream_version: e.stream_version,
        occurred_at: (e.metadata as { occurred_at?: string }).occurred_at ?? null,
        recorded_at: e.recorded_at instanceof Date ? e.recorded_at.toISOString() : e.recorded_at,
        user_id: (e.metadata as { user_id?: string }).user_id ?? null,
        correlation_id: (e.metadata as { correlation_id?: string }).correlation_id ?? null,
        data: e.data,
      })),
    };
  }
}
