import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Req } from '@nestjs/common';
import { type Actor, canChangeMetaData, type JsonObject, type MetaDataChange, type MetaDataTarget } from '@forensics/domain';
import type { Request } from 'express';
import { forbidden } from '../errors/oz-http-error';
import { CurrentActor } from '../identity/current-actor.decorator';
import { FolderReader, type VisibleFolder } from '../read/folder-reader';
import { FolderCommands } from './folder-commands';
import { deletion, metaDataIn, replaceOrMerge, sentBody } from './meta-data-request';
import { commandContext } from './request-context';

type Located = Readonly<{ folder: VisibleFolder; target: MetaDataTarget }>;

/**
 * Oz's metadata endpoints for folders, media and analyses (oz-api.md §1.9): GET reads the object,
 * POST replaces it, PATCH merges the given top-level keys into it, DELETE removes every key or
 * those of `{"keys": [...]}`. Each answers 200 with the resulting object. Whoever may see the
 * folder may change it, except OPERATOR and CLIENT OPERATOR, who only read (403 code 9).
 */
@Controller('api')
export class MetaDataController {
  constructor(
    @Inject(FolderCommands) private readonly commands: FolderCommands,
    @Inject(FolderReader) private readonly reader: FolderReader,
  ) {}

  @Get('folders/:id/meta_data')
  async folderMetaData(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.read(await this.folder(id, actor));
  }

  @Post('folders/:id/meta_data')
  @HttpCode(200)
  async replaceFolderMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.folder(id, actor), () => replaceOrMerge('REPLACE', body), request, actor);
  }

  @Patch('folders/:id/meta_data')
  async mergeFolderMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.folder(id, actor), () => replaceOrMerge('MERGE', body), request, actor);
  }

  @Delete('folders/:id/meta_data')
  async deleteFolderMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.folder(id, actor), () => deletion(body, sentBody(request)), request, actor);
  }

  @Get('media/:id/meta_data')
  async mediaMetaData(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.read(await this.media(id, actor));
  }

  @Post('media/:id/meta_data')
  @HttpCode(200)
  async replaceMediaMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.media(id, actor), () => replaceOrMerge('REPLACE', body), request, actor);
  }

  @Patch('media/:id/meta_data')
  async mergeMediaMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.media(id, actor), () => replaceOrMerge('MERGE', body), request, actor);
  }

  @Delete('media/:id/meta_data')
  async deleteMediaMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.media(id, actor), () => deletion(body, sentBody(request)), request, actor);
  }

  @Get('analyses/:id/meta_data')
  async analysisMetaData(@Param('id') id: string, @CurrentActor() actor: Actor) {
    return this.read(await this.analysis(id, actor));
  }

  @Post('analyses/:id/meta_data')
  @HttpCode(200)
  async replaceAnalysisMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.analysis(id, actor), () => replaceOrMerge('REPLACE', body), request, actor);
  }

  @Patch('analyses/:id/meta_data')
  async mergeAnalysisMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.analysis(id, actor), () => replaceOrMerge('MERGE', body), request, actor);
  }

  @Delete('analyses/:id/meta_data')
  async deleteAnalysisMetaData(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @CurrentActor() actor: Actor) {
    return this.change(await this.analysis(id, actor), () => deletion(body, sentBody(request)), request, actor);
  }

  // A target the caller may not see answers 404 code 10 before anything else is looked at.
  private async folder(folderId: string, actor: Actor): Promise<Located> {
    return { folder: await this.reader.folder(folderId, actor), target: { kind: 'FOLDER' } };
  }

  private async media(mediaId: string, actor: Actor): Promise<Located> {
    return { folder: await this.reader.folderOfMedia(mediaId, actor), target: { kind: 'MEDIA', media_id: mediaId } };
  }

  private async analysis(analysisId: string, actor: Actor): Promise<Located> {
    return { folder: await this.reader.folderOfAnalysis(analysisId, actor), target: { kind: 'ANALYSIS', analysis_id: analysisId } };
  }

  private read({ folder, target }: Located): JsonObject {
    return metaDataIn(folder, target);
  }

  /** Checks the role, then the body, then sends the change and answers the object the read model holds after it. */
  private async change({ folder, target }: Located, parse: () => MetaDataChange, request: Request, actor: Actor): Promise<JsonObject> {
    if (!canChangeMetaData(actor)) throw forbidden('An OPERATOR or a CLIENT OPERATOR may read metadata but not change it');
    const after = await this.commands.changeMetaData(folder.folder_id, target, parse(), commandContext(request, actor));
    return metaDataIn(after, target);
  }
}
