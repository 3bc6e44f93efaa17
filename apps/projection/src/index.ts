export * from './create-projection';
export * from './fold-batch';
export * from './folder-updated-channel';
export * from './projection.config';
