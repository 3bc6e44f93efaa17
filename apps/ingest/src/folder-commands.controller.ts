import { Controller, Inject, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { FolderCommand } from '@forensics/domain';
import { CLOCK, type Clock } from './commands/clock';
import { CommandDrain } from './commands/command-drain';
import { FolderCommandService } from './commands/folder-command.service';
import { OzErrorFilter } from './errors/oz-error.filter';
import { CommandObserver } from './observability/command-observer';
import { COMMAND_TYPE_OF, INGEST_PATTERNS } from '@forensics/contracts';
import { checkIngestRequest } from './transport/ingest-request.guard';
import type { IngestReply } from '@forensics/contracts';
import { toFolderCommand } from './transport/to-folder-command';

/** The six commands ingest takes over TCP; each answers an IngestReply or fails with an Oz body. */
@Controller()
@UseFilters(OzErrorFilter)
export class FolderCommandsController {
  constructor(
    @Inject(FolderCommandService) private readonly commands: FolderCommandService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CommandObserver) private readonly observer: CommandObserver,
    @Inject(CommandDrain) private readonly drain: CommandDrain,
  ) {}

  @MessagePattern(INGEST_PATTERNS.createFolder)
  createFolder(@Payload() payload: unknown): Promise<IngestReply> {
    return this.run(COMMAND_TYPE_OF[INGEST_PATTERNS.createFolder], payload);
  }

  @MessagePattern(INGEST_PATTERNS.addMedia)
  addMedia(@Payload() payload: unknown): Promise<IngestReply> {
    return this.run(COMMAND_TYPE_OF[INGEST_PATTERNS.addMedia], payload);
  }

  @MessagePattern(INGEST_PATTERNS.submitAnalysisGroup)
  submitAnalysisGroup(@Payload() payload: unknown): Promise<IngestReply> {
    return this.run(COMMAND_TYPE_OF[INGEST_PATTERNS.submitAnalysisGroup], payload);
  }

  @MessagePattern(INGEST_PATTERNS.recordAnalysisResult)
  recordAnalysisResult(@Payload() payload: unknown): Promise<IngestReply> {
    return this.run(COMMAND_TYPE_OF[INGEST_PATTERNS.recordAnalysisResult], payload);
  }

  @MessagePattern(INGEST_PATTERNS.resolveAnalysisByOperator)
  resolveAnalysisByOperator(@Payload() payload: unknown): Promise<IngestReply> {
    return this.run(COMMAND_TYPE_OF[INGEST_PATTERNS.resolveAnalysisByOperator], payload);
  }

  @MessagePattern(INGEST_PATTERNS.changeMetaData)
  changeMetaData(@Payload() payload: unknown): Promise<IngestReply> {
    return this.run(COMMAND_TYPE_OF[INGEST_PATTERNS.changeMetaData], payload);
  }

  private async run(type: FolderCommand['type'], payload: unknown): Promise<IngestReply> {
    return this.observer.observe(type, payload, () =>
      this.drain.run(() => {
        const request = checkIngestRequest(payload);
        return this.commands.handle(toFolderCommand(type, request, this.clock.now()), request.idempotency_key);
      }),
    );
  }
}
