import { Inject, Injectable } from '@nestjs/common';
import type { IngestReply } from '@forensics/contracts';
import { type FolderCommand, OzErrorCode } from '@forensics/domain';
import { JsonLogger } from '@forensics/observability';
import { toOzError } from '../errors/to-oz-error';
import { requestLogFields } from '../logging/request-log-fields';
import { IngestMetrics } from './ingest-metrics';

/**
 * Times, counts and logs every command, whatever its end: one JSON line with the request's
 * `correlation_id`, so a request can be followed from the gateway into the event store.
 */
@Injectable()
export class CommandObserver {
  constructor(
    @Inject(IngestMetrics) private readonly metrics: IngestMetrics,
    @Inject(JsonLogger) private readonly logger: JsonLogger,
  ) {}

  async observe(command: FolderCommand['type'], payload: unknown, handle: () => Promise<IngestReply>): Promise<IngestReply> {
    const started = performance.now();
    try {
      const reply = await handle();
      // A repeated idempotency key answers the first request's events: nothing new was appended.
      if (!reply.duplicate) for (const { type } of reply.events) this.metrics.eventsAppended.inc({ type });
      this.handled(command, payload, started, reply.duplicate ? 'duplicate' : 'accepted', { version: reply.version, events: reply.events.length });
      return reply;
    } catch (error) {
      const { error_code } = toOzError(error);
      this.handled(command, payload, started, error_code === OzErrorCode.UNKNOWN ? 'failed' : 'refused', { error_code });
      throw error;
    }
  }

  private handled(command: string, payload: unknown, started: number, outcome: string, fields: Readonly<Record<string, unknown>>): void {
    const seconds = (performance.now() - started) / 1000;
    this.metrics.commandSeconds.observe({ command, outcome }, seconds);
    this.logger.event('info', 'command handled', { command, outcome, ...requestLogFields(payload), ...fields, duration_ms: Math.round(seconds * 1000) });
  }
}
