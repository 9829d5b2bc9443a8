import 'reflect-metadata';

export * from './env';
export * from './logger';
export * from './errors';
export * from './scalars';
export * from './federation';
export * from './pagination';
export * from './request-id';
export * from './server';
export * from './shutdown';
export * from './orm';
export * from './kafka';
export * from './redis';
export * from './ids';
export * from './viewer';
export * from './revocation';
export * from './client-address';
