import { Redis } from 'ioredis';

export { Redis };

/** One client per process; commands fail fast instead of queueing forever while Redis is down. */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    connectTimeout: 3000,
    lazyConnect: false,
  });
}
