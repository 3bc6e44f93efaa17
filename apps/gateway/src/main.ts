import { sizeThreadPool } from '@forensics/config';
import { describeError, jsonLog } from '@forensics/observability';
import { loadGatewayConfig } from './config/gateway.config';
import { createGatewayApp } from './create-gateway-app';

sizeThreadPool(16);
void createGatewayApp(loadGatewayConfig()).catch((error: unknown) => {
  jsonLog('gateway')({ level: 'fatal', message: 'gateway failed to start', error: describeError(error) });
  process.exit(1);
});
