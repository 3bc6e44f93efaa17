export * from './create-projection';
export * from './fold-batch';
export * from './projection.config';
