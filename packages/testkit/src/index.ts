export * from './database';
export * from './graphql';
export * from './kafka';
export * from './wait';
export * from './smtp';
export * from './ports';
export * from './redis-server';
export * from './otlp';
