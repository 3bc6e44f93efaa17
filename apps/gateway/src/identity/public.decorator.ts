import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'forensics:is-public';

/** An endpoint that needs no access token (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
