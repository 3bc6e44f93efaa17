export * from './errors';
export * from './event-store-data-source';
export * from './postgres-event-store';
export * from './stored-event';
export * from './handle-command';
export * from './event-envelope';
export * from './checkpoint-store';
