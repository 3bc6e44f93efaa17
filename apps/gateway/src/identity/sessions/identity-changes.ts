import { createHash } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { GATEWAY_CONFIG } from '../../config/gateway-config.provider';
import type { GatewayConfig } from '../../config/gateway.config';
import { ListeningConnection } from '../../database/listening-connection';
import { forgetScopeOf, TokenCache } from './token-cache';

/** The channel the identity schema's triggers notify (migration 1733600000000), as they name it. */
export function identityChangedChannel(identitySchema: string): string {
  return `identity_changed_${createHash('sha256').update(identitySchema, 'utf8').digest('hex').slice(0, 16)}`;
}

/** Tokens held by one gateway at most: about 1 KB each. */
const MAX_CACHED_TOKENS = 10_000;

export const tokenCacheProvider = {
  provide: TokenCache,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig) => new TokenCache({ ttlMs: config.tokenCacheMs, maxEntries: MAX_CACHED_TOKENS }),
};

/**
 * Hears the identity schema's changes and makes the token cache forget (decision 0018). The cache
 * keeps nothing until LISTEN is in place, nor while the connection is lost.
 */
@Injectable()
export class IdentityChanges implements OnModuleInit, OnApplicationShutdown {
  private readonly connection: ListeningConnection | null;

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig, @Inject(TokenCache) cache: TokenCache) {
    this.connection =
      config.tokenCacheMs > 0
        ? new ListeningConnection(config.databaseUrl, 'gateway-identity-changes', identityChangedChannel(config.identitySchema), {
            notification: (payload) => cache.forget(forgetScopeOf(payload)),
            connected: () => cache.setListening(true),
            disconnected: () => cache.setListening(false),
          })
        : null;
  }

  async onModuleInit(): Promise<void> {
    await this.connection?.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection?.close();
  }
}
