import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import type { BlobStore } from '@forensics/blob-store';
import { type Actor, canSeeFolder } from '@forensics/domain';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { notExist } from '../errors/oz-http-error';
import { CurrentActor } from '../identity/current-actor.decorator';
import { FolderReader } from '../read/folder-reader';
import { BLOBS, READ_MODEL_DB } from './folders.tokens';

/** The stored files behind the URLs in responses, for callers who may see their folder. */
@Controller('api')
export class FilesController {
  constructor(
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(BLOBS) private readonly blobs: BlobStore,
    @Inject(READ_MODEL_DB) private readonly db: DataSource,
  ) {}

  @Get('media/:mediaId/original')
  async original(@Param('mediaId') mediaId: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    const folder = await this.reader.folderOfMedia(mediaId, actor);
    const media = folder.media.find((m) => m.media_id === mediaId);
    if (!media) throw notExist('Media', { media_id: mediaId });
    await this.send(response, media.blob_sha256, media.blob_mime, media.original_name);
  }

  /** A best shot (or another picture an analysis made), by the hash its `output_images` entry names. */
  @Get('output-images/:sha256')
  async outputImage(@Param('sha256') sha256: string, @CurrentActor() actor: Actor, @Res() response: Response): Promise<void> {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw notExist('Image', { sha256 });
    // The expression of the index analyses_output_images: the hashes of an analysis's images.
    const owners = (await this.db.query(
      `SELECT a.company_id, f.user_id FROM analyses a JOIN folders f USING (folder_id)
       WHERE jsonb_path_query_array(a.results_media, '$[*].output_images[*].sha256') @> $1::jsonb LIMIT 20`,
      [JSON.stringify([sha256])],
    )) as { company_id: string; user_id: string }[];
    if (!owners.some((owner) => canSeeFolder(actor, owner))) throw notExist('Image', { sha256 });
    await this.send(response, sha256, 'image/jpeg', `${sha256}.jpg`);
  }

  private async send(response: Response, sha256: string, mime: string, name: string): Promise<void> {
    const stream = await this.blobs.read(sha256);
    response.status(200).type(mime).set('content-disposition', `inline; filename="${encodeURIComponent(name)}"`);
    stream.pipe(response);
  }
}
