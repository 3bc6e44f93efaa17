import { type DynamicModule, Module } from '@nestjs/common';
import type { GatewayConfig } from './config/gateway.config';
import { gatewayConfigProvider } from './config/gateway-config.provider';
import { NotRealizedController } from './errors/not-realized.controller';
import { FoldersModule } from './folders/folders.module';
import { HealthModule } from './health/health.module';
import { IdentityModule } from './identity/identity.module';
import { WebhooksModule } from './webhooks/webhooks.module';

/** The REST API: identity (tokens, companies, users), folders and analyses, webhook deliveries, health. */
@Module({})
export class GatewayModule {
  static forConfig(config: GatewayConfig): DynamicModule {
    const configModule = { module: GatewayConfigModule, providers: [gatewayConfigProvider(config)], exports: [gatewayConfigProvider(config).provide], global: true };
    return { module: GatewayModule, imports: [configModule, IdentityModule, FoldersModule, WebhooksModule, HealthModule], controllers: [NotRealizedController] };
  }
}

@Module({})
class GatewayConfigModule {}
