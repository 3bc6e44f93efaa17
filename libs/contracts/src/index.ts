export * from './errors/oz-error-body';
export * from './ingest/ingest-patterns';
export * from './ingest/ingest-reply';
export * from './ingest/ingest-request';
export * from './validation/storable-text';
