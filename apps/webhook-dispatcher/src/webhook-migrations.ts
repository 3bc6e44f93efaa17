import { CreateWebhooks1732900000000 } from './migrations/1732900000000-create-webhooks';

/** The dispatcher's migrations, in order, run under the event store's advisory-locked `migrate`. */
export const WEBHOOK_MIGRATIONS = [CreateWebhooks1732900000000];
