export * from './ensure-topic';
export * from './kafka-client';
export * from './kafka-message-producer';
export * from './message';
export * from './incoming-message';
export * from './kafka-batch-consumer';
export * from './kafka-work-consumer';
export * from './no-delay-json-socket';
