export * from './test-infra';
export * from './unique-name';
export * from './wait-for';
export * from './free-port';
export * from './isolated-schema';
export * from './topic-recorder';
export * from './service-process';
export * from './webhook-receiver';
