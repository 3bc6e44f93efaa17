import { All, Controller, Delete, Get, Post } from '@nestjs/common';
import { OzErrorCode } from '@forensics/domain';
import { OzHttpError } from './oz-http-error';

/** NOT REALIZED (code 2, 501): what reference/oz-api.md documents but this platform does not build (decision 0012). */
const notRealized = (what: string): OzHttpError => new OzHttpError(OzErrorCode.NOT_REALIZED, `${what} is documented by Oz but not built here`);

/**
 * Endpoints of the Oz API that this platform does not offer answer so, rather than 404 "no such
 * endpoint": an integration learns that the call is known and not available, not that its URL is
 * wrong, and a deletion job cannot mistake the answer for "already deleted".
 */
@Controller('api')
export class NotRealizedController {
  @Delete('folders/:folderId')
  deleteFolder(): never {
    throw notRealized('Deleting a folder');
  }

  @Delete('folders/:folderId/media/:mediaId')
  deleteMedia(): never {
    throw notRealized('Deleting a media');
  }

  @Post('instant/folders')
  instantFolder(): never {
    throw notRealized('The instant (non-persistent) mode');
  }

  @Get('authorize/session_token')
  sessionToken(): never {
    throw notRealized('The OzCapsula session token');
  }

  @All(['collections', 'collections/*rest'])
  collections(): never {
    throw notRealized('Collections (blacklists)');
  }
}
