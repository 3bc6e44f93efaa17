import { CreateWebhooks1732900000000 } from './migrations/1732900000000-create-webhooks';
import { WebhookResendAndRotation1733000000000 } from './migrations/1733000000000-webhook-resend-and-rotation';
import { DeliveriesByAge1733200000000 } from './migrations/1733200000000-deliveries-by-age';

/** The webhook tables' migrations, in order, run under the event store's advisory-locked `migrate` by whichever service opens them first. */
export const WEBHOOK_MIGRATIONS = [CreateWebhooks1732900000000, WebhookResendAndRotation1733000000000, DeliveriesByAge1733200000000];
