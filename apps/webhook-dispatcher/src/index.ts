export * from './backoff';
export * from './create-dispatcher';
export * from './delivery-trigger';
export * from './webhook-dispatcher.config';
