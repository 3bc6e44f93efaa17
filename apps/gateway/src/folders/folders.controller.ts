import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { type Actor, canChangeFolder, REVIEWERS_ONLY_READ } from '@forensics/domain';
import type { Request } from 'express';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway.config';
import { forbidden, invalidStructure, invalidValue } from '../errors/oz-http-error';
import { type Caller, assertMayStartAnalyses, withCompanyBiometrySettings } from '../identity/caller';
import { CompaniesService } from '../identity/companies/companies.service';
import { CurrentActor, CurrentCaller } from '../identity/current-actor.decorator';
import { flag, parseFolderListQuery } from '../read/folder-list-query';
import { FolderReader } from '../read/folder-reader';
import { FolderCommands } from './folder-commands';
import { baseUrlOf, folderJson } from './folder-json';
import { commandContext } from './request-context';
import { checkResolutionEndpoint } from './resolution-endpoint';
import { type UploadedFile, rollbackIfRefused, storeUploads } from './stored-upload';
import { analysesOf, endpointOf, parseUploadPayload } from './upload-payload';
import { BLOBS } from './folders.tokens';
import type { BlobStore } from '@forensics/blob-store';
import { analysisJson, filterAnalyses } from './analysis-json';

/** Folders: create (with the single request), add media, read, list, and their analyses. */
@Controller('api/folders')
export class FoldersController {
  constructor(
    @Inject(FolderCommands) private readonly commands: FolderCommands,
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(CompaniesService) private readonly companies: CompaniesService,
  ) {}

  @Post()
  @HttpCode(201)
  @UseInterceptors(AnyFilesInterceptor())
  async create(@UploadedFiles() files: UploadedFile[] | undefined, @Body() body: Record<string, unknown> | undefined, @Req() request: Request, @CurrentCaller() caller: Caller) {
    const { actor } = caller;
    if (!canChangeFolder(actor)) throw forbidden(REVIEWERS_ONLY_READ);
    const uploads = files ?? [];
    if (uploads.length > this.config.maxFilesPerFolder) throw invalidValue(`A folder holds at most ${this.config.maxFilesPerFolder} files`, { limit: this.config.maxFilesPerFolder });
    const payload = parseUploadPayload(textField(body, 'payload'), uploads.map((f) => f.fieldname), { required: true });
    if (payload.analyses) assertMayStartAnalyses(caller, payload.analyses);
    // A new folder is the caller's company's: its settings came with the token.
    const analyses = payload.analyses && withCompanyBiometrySettings(caller.companyBiometry, payload.analyses);
    await checkResolutionEndpoint(payload.resolutionEndpoint, this.config.allowPrivateWebhookTargets);
    const context = commandContext(request, actor);
    const stored = await storeUploads(uploads, payload, this.blobs);
    try {
      const { folder, duplicate } = await this.commands.createFolder(
        { media: stored.media, metaData: payload.folderMetaData, analyses, resolutionEndpoint: payload.resolutionEndpoint, keys: stored.keys },
        context,
        this.config.singleRequestTimeoutMs,
      );
      // A repeated Idempotency-Key answers with the first request's folder: files new with this one
      // belong to no folder, unless the first request sent the same bytes (and this put merely got there first).
      if (duplicate) await stored.rollback(new Set(folder.media.map((m) => m.blob_sha256)));
      return folderJson(folder, { withAnalyses: payload.analyses !== null }, baseUrlOf(request));
    } catch (error) {
      await rollbackIfRefused(error, stored);
      throw error;
    }
  }

  @Post(':folderId/media')
  @HttpCode(201)
  @UseInterceptors(AnyFilesInterceptor())
  async addMedia(@Param('folderId') folderId: string, @UploadedFiles() files: UploadedFile[] | undefined, @Body() body: Record<string, unknown> | undefined, @Req() request: Request, @CurrentActor() actor: Actor) {
    await this.reader.folder(folderId, actor);
    // Refused before any file is stored (ingest refuses it too).
    if (!canChangeFolder(actor)) throw forbidden(REVIEWERS_ONLY_READ);
    const uploads = files ?? [];
    if (uploads.length === 0) throw invalidStructure('The request carries no file');
    const payload = parseUploadPayload(textField(body, 'payload'), uploads.map((f) => f.fieldname), { required: false });
    const stored = await storeUploads(uploads, payload, this.blobs);
    try {
      const folder = await this.commands.addMedia(folderId, stored.media, commandContext(request, actor));
      const ids = new Set(stored.media.map((m) => m.media_id));
      return folderJson(folder, { withAnalyses: false }, baseUrlOf(request)).media.filter((m) => ids.has(m.media_id));
    } catch (error) {
      await rollbackIfRefused(error, stored);
      throw error;
    }
  }

  @Get(':folderId')
  async get(@Param('folderId') folderId: string, @Query() query: Record<string, unknown>, @Req() request: Request, @CurrentActor() actor: Actor) {
    return folderJson(await this.reader.folder(folderId, actor), { withAnalyses: flag(query, 'with_analyses') }, baseUrlOf(request));
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @Req() request: Request, @CurrentActor() actor: Actor) {
    const parsed = parseFolderListQuery(query);
    const { total, items } = await this.reader.list(actor, parsed);
    const base = baseUrlOf(request);
    // `total` too, the name the users' and companies' lists use: one pager serves every list.
    return { total_count: total, total, items: items.map((f) => folderJson(f, { withAnalyses: parsed.withAnalyses }, base)) };
  }

  @Post(':folderId/analyses')
  @HttpCode(201)
  async submitAnalyses(@Param('folderId') folderId: string, @Body() body: unknown, @Req() request: Request, @CurrentCaller() caller: Caller) {
    const { actor } = caller;
    const target = await this.reader.folder(folderId, actor);
    if (!canChangeFolder(actor)) throw forbidden(REVIEWERS_ONLY_READ);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidStructure('The body must be a JSON object with "analyses"');
    const { analyses: raw, resolution_endpoint } = body as Record<string, unknown>;
    const requested = analysesOf(raw);
    if (!requested) throw invalidStructure('The body has no "analyses"', { field: 'analyses' });
    assertMayStartAnalyses(caller, requested);
    // The settings of the folder's company, also when an ADMIN submits.
    const company = target.folder.company_id;
    const settings = company === actor.company_id ? caller.companyBiometry : await this.companies.biometrySettingsOf(company);
    const analyses = withCompanyBiometrySettings(settings, requested);
    const endpoint = endpointOf(resolution_endpoint);
    await checkResolutionEndpoint(endpoint, this.config.allowPrivateWebhookTargets);
    const { folder, groupId } = await this.commands.submitAnalyses(folderId, analyses, endpoint, commandContext(request, actor));
    const base = baseUrlOf(request);
    return folder.analyses.filter((a) => a.group_id === groupId).map((a) => analysisJson(folder, a.analysis_id, base));
  }

  @Get(':folderId/analyses')
  async listAnalyses(@Param('folderId') folderId: string, @Query() query: Record<string, unknown>, @Req() request: Request, @CurrentActor() actor: Actor) {
    const folder = await this.reader.folder(folderId, actor);
    const base = baseUrlOf(request);
    return filterAnalyses(folder, query).map((a) => analysisJson(folder, a.analysis_id, base));
  }
}

const textField = (body: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = body?.[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidStructure(`The "${name}" field must be given once, as text`, { field: name });
  return value;
};
