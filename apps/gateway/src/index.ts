export * from './config/gateway.config';
export * from './create-gateway-app';
export * from './errors/oz-http-error';
