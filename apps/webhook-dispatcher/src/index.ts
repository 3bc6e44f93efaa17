export * from './backoff';
export * from './create-dispatcher';
export * from './deliveries.repository';
export * from './delivery-trigger';
export * from './signature';
export * from './target-validation';
export * from './webhook-dispatcher.config';
export * from './webhook-migrations';
