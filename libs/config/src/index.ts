export * from './env-settings';
export * from './thread-pool-size';
