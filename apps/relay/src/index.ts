export * from './create-relay';
export * from './relay';
export * from './relay.config';
