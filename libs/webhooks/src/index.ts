export * from './company-secrets';
export * from './deliveries.repository';
export * from './delivery-history';
export * from './signature';
export * from './target-validation';
export * from './webhook-migrations';
export * from './guarded-lookup';
