export * from './test-infra';
export * from './unique-name';
export * from './wait-for';
