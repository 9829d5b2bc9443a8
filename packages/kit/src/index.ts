import 'reflect-metadata';

// The root loads neither the ORM, kafkajs nor @apollo/subgraph (a test holds it to that): they
// live behind `@social/kit/orm`, `@social/kit/kafka` and `@social/kit/federation`.
export * from './env';
export * from './logger';
export * from './errors';
export * from './token-reasons';
export * from './scalars';
export * from './pagination';
export * from './connections';
export * from './request-id';
export * from './server';
export * from './shutdown';
export * from './redis';
export * from './clock';
export * from './ids';
export * from './viewer';
export * from './revocation';
export * from './revocation-cache';
export * from './unavailable';
export * from './client-address';
export * from './gateway-credential';
export * from './query-limits';
export * from './query-cost';
export * from './loaders';
export * from './rate-limiter';
export * from './period-claim';
export * from './tracing';
export * from './tracing-messages';
