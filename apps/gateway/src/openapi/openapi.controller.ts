import { Controller, Get } from '@nestjs/common';
import { Public } from '../identity/public.decorator';
import { OPENAPI_DOCUMENT } from './openapi-document';

@Controller('api/docs')
export class OpenApiController {
  @Public()
  @Get()
  document() {
    return OPENAPI_DOCUMENT;
  }
}
