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
  isId,
  newId,
  pageSize,
  parseEnv,
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
    const earlier = newId(1_700_000_000_000);
    const later = newId(1_700_000_000_001);
    expect(isId(earlier)).toBe(true);
    expect(earlier.charAt(14)).toBe('7');
    expect(earlier < later).toBe(true);
    expect(isId('../../etc/passwd')).toBe(false);
  });
});
