import { GraphQLError } from 'graphql';
import pino from 'pino';
import {
  BadUserInputError,
  ConflictError,
  createFormatError,
  decodeCursor,
  encodeCursor,
  envSchema,
  EnvError,
  createIdSource,
  isId,
  newId,
  pageSize,
  parseEnv,
  systemClock,
  toPage,
} from '../src';

describe('environment parsing', () => {
  it('applies the documented defaults of the runtime contract', () => {
    const env = parseEnv(
      envSchema(['GATEWAY_PORT', 'MYSQL_URL', 'KAFKA_BROKERS', 'REFRESH_REUSE_GRACE']),
      {},
    );
    expect(env).toEqual({
      GATEWAY_PORT: 4000,
      MYSQL_URL: 'mysql://root@127.0.0.1:3306',
      KAFKA_BROKERS: ['127.0.0.1:9092'],
      REFRESH_REUSE_GRACE: 10,
    });
  });

  it('reports every invalid variable at once', () => {
    const parse = () =>
      parseEnv(envSchema(['GATEWAY_PORT', 'MYSQL_URL']), {
        GATEWAY_PORT: 'abc',
        MYSQL_URL: 'not a url',
      });
    expect(parse).toThrow(EnvError);
    expect(parse).toThrow(/GATEWAY_PORT[\s\S]*MYSQL_URL/);
  });

  it('takes an empty variable for an unset one, as docker compose passes `${X:-}`', () => {
    const env = parseEnv(envSchema(['GATEWAY_SECRET', 'MYSQL_URL']), {
      GATEWAY_SECRET: '',
      MYSQL_URL: '',
    });
    expect(env).toEqual({ MYSQL_URL: 'mysql://root@127.0.0.1:3306' });
  });

  it('splits a comma-separated broker list', () => {
    const env = parseEnv(envSchema(['KAFKA_BROKERS']), { KAFKA_BROKERS: 'a:1, b:2,' });
    expect(env.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
  });
});

describe('error boundary', () => {
  const logger = pino({ level: 'silent' });
  const format = createFormatError(logger);

  it('passes coded errors through with their extensions', () => {
    const error = new ConflictError('EMAIL_TAKEN', 'That email is already registered');
    expect(format({ message: error.message, extensions: error.extensions }, error)).toEqual({
      message: 'That email is already registered',
      extensions: { code: 'CONFLICT', reason: 'EMAIL_TAKEN' },
    });
  });

  it('hides unknown errors behind INTERNAL_SERVER_ERROR without internals', () => {
    const error = new GraphQLError('boom', {
      originalError: new Error("ER_NO_SUCH_TABLE: Table 'members.users' doesn't exist"),
    });
    const formatted = format(
      {
        message: error.message,
        path: ['me'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      error,
    );
    expect(formatted).toEqual({
      message: 'Internal server error',
      path: ['me'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('carries field problems for bad input', () => {
    const error = new BadUserInputError([{ field: 'handle', message: 'is too short' }]);
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'handle', message: 'is too short' }],
    });
    expect(error.message).toBe('handle: is too short');
  });
});

describe('pagination', () => {
  it('round-trips a cursor', () => {
    const cursor = { at: new Date('2026-01-02T03:04:05.678Z'), id: newId() };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
  });

  it.each([
    '',
    'not-base64!',
    Buffer.from('123').toString('base64url'),
    Buffer.from('x:y').toString('base64url'),
  ])('refuses the malformed cursor %p', (value) => {
    expect(() => decodeCursor(value)).toThrow(BadUserInputError);
  });

  it.each([0, 101, -1, 2.5])('refuses first=%p', (first) => {
    expect(() => pageSize(first)).toThrow(/first: must be between 1 and 100/);
  });

  it('defaults first to 20', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null)).toBe(20);
  });

  it('uses the extra row only to say that another page exists', () => {
    const rows = [1, 2, 3].map((n) => ({ id: `id${n}`, at: new Date(n * 1000) }));
    const page = toPage(rows, 2, (row) => row);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['id1', 'id2']);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: page.edges[1]?.cursor });
    expect(toPage(rows, 3, (row) => row).pageInfo.hasNextPage).toBe(false);
  });
});

describe('ids', () => {
  it('are UUIDv7 and sort by creation time', () => {
    const next = createIdSource(clockOf(1_700_000_000_000, 1_700_000_000_001));
    const earlier = next();
    const later = next();
    expect(isId(earlier.id)).toBe(true);
    expect(earlier.id.charAt(14)).toBe('7');
    expect(earlier.id.slice(0, 13)).toBe('018bcfe5-6800');
    expect(earlier.at).toEqual(new Date(1_700_000_000_000));
    expect(later.at).toEqual(new Date(1_700_000_000_001));
    expect(earlier.id < later.id).toBe(true);
    expect(isId('../../etc/passwd')).toBe(false);
  });

  it('strictly increase within one millisecond, and when the clock steps back', () => {
    const next = createIdSource(clockOf(5000, 5000, 5000, 4000));
    const ids = [next(), next(), next(), next()];
    expect(ids.map((x) => x.id)).toEqual(ids.map((x) => x.id).sort());
    expect(new Set(ids.map((x) => x.id)).size).toBe(4);
    // The sequence in rand_a counts up; the stepped-back call keeps the last millisecond.
    expect(ids.map((x) => x.id.slice(15, 18))).toEqual(['000', '001', '002', '003']);
    expect(ids.map((x) => x.at.getTime())).toEqual([5000, 5000, 5000, 5000]);
  });

  it('move on to the next millisecond when 4096 ids share one', () => {
    const next = createIdSource(() => 7000);
    const ids = Array.from({ length: 4097 }, () => next());
    expect(ids[4095]?.at.getTime()).toBe(7000);
    expect(ids[4096]?.at.getTime()).toBe(7001);
    expect(ids[4095]?.id.slice(15, 18)).toBe('fff');
    expect((ids[4095]?.id ?? '') < (ids[4096]?.id ?? '')).toBe(true);
  });

  it('newId draws from one process-wide source, so a burst of ids is already sorted', () => {
    const burst = Array.from({ length: 1000 }, () => newId());
    expect(burst).toEqual([...burst].sort());
    expect(new Set(burst).size).toBe(1000);
  });

  it('the system clock is the real time', () => {
    const before = Date.now();
    const now = systemClock();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

/** A clock answering `times` in turn, then the last one. */
function clockOf(...times: number[]): () => number {
  let call = 0;
  return () => times[Math.min(call++, times.length - 1)];
}
