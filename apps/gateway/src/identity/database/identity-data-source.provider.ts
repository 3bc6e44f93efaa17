import { Inject, Injectable, type FactoryProvider, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@forensics/event-store';
import { GATEWAY_CONFIG } from '../../config/gateway-config.provider';
import type { GatewayConfig } from '../../config/gateway.config';
import { IDENTITY_MIGRATIONS } from './identity-migrations';

/** The identity schema's own pool; a token of its own so it never collides with the folders' data source. */
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');

/** Connected and migrated (under the migration advisory lock) before the first request. */
export const identityDataSourceProvider: FactoryProvider<DataSource> = {
  provide: IDENTITY_DATA_SOURCE,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig) =>
    openDatabase({ url: config.databaseUrl, schema: config.identitySchema, applicationName: 'gateway-identity', migrations: IDENTITY_MIGRATIONS }),
};

/** Closes the pool with the app. */
@Injectable()
export class IdentityDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(IDENTITY_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
