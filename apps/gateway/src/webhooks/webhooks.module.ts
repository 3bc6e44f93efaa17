import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { openDatabase } from '@forensics/event-store';
import { CompanySecrets, DeliveryHistory, WEBHOOK_MIGRATIONS } from '@forensics/webhooks';
import type { DataSource } from 'typeorm';
import { GATEWAY_CONFIG } from '../config/gateway-config.provider';
import type { GatewayConfig } from '../config/gateway.config';
import { FoldersModule } from '../folders/folders.module';
import { IdentityModule } from '../identity';
import { CompanySecretController } from './company-secret.controller';
import { DeliveriesController } from './deliveries.controller';
import { COMPANY_SECRETS, DELIVERY_HISTORY, WEBHOOK_DB } from './webhooks.tokens';

/** Closes the webhook pool with the app. */
class WebhookConnection implements OnApplicationShutdown {
  constructor(@Inject(WEBHOOK_DB) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The webhook endpoints over the dispatcher's tables. The gateway migrates them too (under the
 * same advisory lock), so it can answer before the dispatcher has ever started.
 */
@Module({
  imports: [FoldersModule, IdentityModule],
  controllers: [DeliveriesController, CompanySecretController],
  providers: [
    {
      provide: WEBHOOK_DB,
      inject: [GATEWAY_CONFIG],
      useFactory: (c: GatewayConfig) => openDatabase({ url: c.databaseUrl, schema: c.webhookSchema, applicationName: 'gateway-webhooks', poolSize: 3, migrations: WEBHOOK_MIGRATIONS }),
    },
    { provide: DELIVERY_HISTORY, useFactory: (db: DataSource) => new DeliveryHistory(db), inject: [WEBHOOK_DB] },
    { provide: COMPANY_SECRETS, useFactory: (db: DataSource) => new CompanySecrets(db), inject: [WEBHOOK_DB] },
    WebhookConnection,
  ],
})
export class WebhooksModule {}
