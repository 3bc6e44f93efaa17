import { CreateIdentity1732500000000 } from './migrations/1732500000000-create-identity';

/** The identity schema's migrations, in order. */
export const IDENTITY_MIGRATIONS = [CreateIdentity1732500000000];
