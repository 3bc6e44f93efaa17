import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import type { Actor } from '@forensics/domain';
import type { DeliveryHistory } from '@forensics/webhooks';
import { forbidden, invalidValue, notExist } from '../errors/oz-http-error';
import { CurrentActor } from '../identity';
import { FolderReader } from '../read/folder-reader';
import { deliveryJson } from './delivery-json';
import { DELIVERY_HISTORY } from './webhooks.tokens';

/**
 * Beyond Oz: the webhook deliveries of a folder and their attempts, for whoever may see the
 * folder (its owner, its company's admins and operators, the platform's staff), and the re-send
 * of a failed one by the folder's owner or an admin.
 */
@Controller('api')
export class DeliveriesController {
  constructor(
    @Inject(FolderReader) private readonly reader: FolderReader,
    @Inject(DELIVERY_HISTORY) private readonly history: DeliveryHistory,
  ) {}

  @Get('folders/:folderId/webhooks')
  async ofFolder(@Param('folderId') folderId: string, @CurrentActor() actor: Actor) {
    await this.reader.folder(folderId, actor);
    const items = (await this.history.ofFolder(folderId)).map(deliveryJson);
    return { folder_id: folderId, total_count: items.length, items };
  }

  @Get('webhooks/:deliveryId')
  async one(@Param('deliveryId') deliveryId: string, @CurrentActor() actor: Actor) {
    return deliveryJson(await this.visible(deliveryId, actor));
  }

  @Post('webhooks/:deliveryId/resend')
  @HttpCode(200)
  async resend(@Param('deliveryId') deliveryId: string, @CurrentActor() actor: Actor) {
    const delivery = await this.visible(deliveryId, actor);
    const folder = await this.reader.folder(delivery.folder_id, actor);
    const owner = folder.folder.user_id === actor.user_id;
    if (!owner && actor.role !== 'ADMIN' && actor.role !== 'CLIENT_ADMIN') throw forbidden("Only the folder's owner or an admin re-sends a webhook");
    const outcome = await this.history.resend(deliveryId, actor.user_id);
    if (outcome === 'not-failed') throw invalidValue(`Only a FAILED delivery can be re-sent; this one is ${delivery.status}`, { delivery_id: deliveryId, status: delivery.status });
    if (outcome === 'missing') throw notExist('Webhook delivery', { delivery_id: deliveryId });
    return deliveryJson((await this.history.byId(deliveryId)) ?? delivery);
  }

  /** A delivery of a folder the caller may not see reads exactly like one that does not exist. */
  private async visible(deliveryId: string, actor: Actor) {
    const delivery = await this.history.byId(deliveryId);
    const missing = notExist('Webhook delivery', { delivery_id: deliveryId });
    if (!delivery) throw missing;
    await this.reader.folder(delivery.folder_id, actor).catch(() => {
      throw missing;
    });
    return delivery;
  }
}
