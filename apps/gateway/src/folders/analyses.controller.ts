import { Body, Controller, Get, Inject, Param, Post, Req } from '@nestjs/common';
import { type Actor, canDecideAsOperator } from '@forensics/domain';
import type { Request } from 'express';
import { forbidden, invalidStructure, invalidValue } from '../errors/oz-http-error';
import { CurrentActor } from '../identity/current-actor.decorator';
import { FolderReader } from '../read/folder-reader';
import { analysisJson } from './analysis-json';
import { FolderCommands } from './folder-commands';
import { baseUrlOf } from './folder-json';
import { commandContext } from './request-context';

/** One analysis, and the operator's decision on an OPERATOR_REQUIRED one. */
@Controller('api/analyses')
export class AnalysesController {
  constructor(
    @Inject(FolderCommands) private readonly commands: FolderCommands,
    @Inject(FolderReader) private readonly reader: FolderReader,
  ) {}

  @Get(':analysisId')
  async get(@Param('analysisId') analysisId: string, @Req() request: Request, @CurrentActor() actor: Actor) {
    return analysisJson(await this.reader.folderOfAnalysis(analysisId, actor), analysisId, baseUrlOf(request));
  }

  /**
   * Beyond Oz: an operator settles an OPERATOR_REQUIRED analysis as SUCCESS or DECLINED, with a
   * comment. The event history keeps who decided and when; the statuses follow.
   */
  @Post(':analysisId/resolution')
  async decide(@Param('analysisId') analysisId: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    const folder = await this.reader.folderOfAnalysis(analysisId, actor);
    if (!canDecideAsOperator(actor)) throw forbidden('Only an OPERATOR or a CLIENT OPERATOR may decide an analysis');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidStructure('The body must be a JSON object with "resolution"');
    const { resolution, comment } = body as Record<string, unknown>;
    if (resolution !== 'SUCCESS' && resolution !== 'DECLINED') throw invalidValue('"resolution" must be SUCCESS or DECLINED', { field: 'resolution' });
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > 2000)) throw invalidValue('"comment" must be text of at most 2000 characters', { field: 'comment' });
    const after = await this.commands.decide(folder.folder_id, analysisId, resolution, (comment as string | undefined) ?? '', commandContext(request, actor));
    return analysisJson(after, analysisId, baseUrlOf(request));
  }
}
