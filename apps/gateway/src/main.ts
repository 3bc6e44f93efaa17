import { loadGatewayConfig } from './config/gateway.config';
import { createGatewayApp } from './create-gateway-app';

void createGatewayApp(loadGatewayConfig()).catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', service: 'gateway', message: 'gateway failed to start', error: (error as Error).message })}\n`);
  process.exit(1);
});
