import type { GatewayConfig } from './gateway.config';

/** The injection token of the gateway's configuration. */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

export const gatewayConfigProvider = (config: GatewayConfig) => ({ provide: GATEWAY_CONFIG, useValue: config });
