export * from './analysis-jobs';
export * from './analysis-worker.config';
export * from './create-worker';
