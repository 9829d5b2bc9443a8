import { GraphQLError } from 'graphql';
import pino from 'pino';
import { createFormatError, createRedis, isRedisUnreachable } from '../src';

describe('Redis outages as the client sees them', () => {
  it('tells "Redis could not be reached" from "Redis answered with an error"', async () => {
    // Nothing listens on port 1: the command fails on the connection, not with a reply.
    const redis = createRedis('redis://127.0.0.1:1');
    try {
      const failure = await redis.get('any').catch((error: unknown) => error);
      expect(isRedisUnreachable(failure)).toBe(true);
    } finally {
      redis.disconnect();
    }
    const reply = Object.assign(new Error('WRONGTYPE Operation against a key'), {
      name: 'ReplyError',
    });
    expect(isRedisUnreachable(reply)).toBe(false);
    expect(
      isRedisUnreachable(new Error('Connection lost: The server closed the connection.')),
    ).toBe(false);
  });

  it('formats an unreachable Redis as SERVICE_UNAVAILABLE with a retry hint, not an internal error', () => {
    const format = createFormatError(pino({ level: 'silent' }));
    const cause = new Error('Connection is closed.');
    const error = new GraphQLError('Connection is closed.', {
      originalError: cause,
      path: ['login'],
    });
    expect(format({ message: cause.message, path: ['login'] }, error)).toEqual({
      message: 'A service this request needs is unavailable; try again shortly',
      path: ['login'],
      extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 },
    });
  });
});
