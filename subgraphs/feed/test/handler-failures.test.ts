import { MikroORM } from '@mikro-orm/mysql';
import { sqlOf } from '@social/kit/orm';
import { createTestOrm, freePort, type TestOrm } from '@social/testkit';
import { failureReason, isTransientFailure } from '../src/consumer/handler-failures';
import { entities, migrations } from './support/feed-fixtures';

/** What a piece of work throws, as the handler would see it. */
async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('the work did not fail');
}

// Real errors from MariaDB and mysql2, through MikroORM as the handler calls it.
describe('which handler failures are transient', () => {
  let db: TestOrm;

  beforeAll(async () => {
    db = await createTestOrm({ prefix: 'feed_failures', entities, migrations });
    await db.orm.em.getConnection().execute('CREATE TABLE test_rows (id INT PRIMARY KEY)');
    await db.orm.em.getConnection().execute('INSERT INTO test_rows (id) VALUES (1)');
  });
  afterAll(() => db.close());

  it('a database nobody listens on is transient', async () => {
    // MikroORM 7's init connects on first use, so this one boots without a server.
    const orm = await MikroORM.init({
      clientUrl: `mysql://root@127.0.0.1:${await freePort()}`,
      dbName: 'feed',
      entities,
      discovery: { warnWhenNoEntities: false },
    });
    try {
      const error = await failureOf(() =>
        orm.em.fork().transactional((tx) => tx.execute('SELECT 1')),
      );
      expect((error as { code?: string }).code).toBe('ECONNREFUSED');
      expect(isTransientFailure(error)).toBe(true);
    } finally {
      await orm.close(true);
    }
  });

  it('a connection killed in the middle of a transaction is transient', async () => {
    const error = await failureOf(() =>
      db.orm.em.fork().transactional(async (tx) => {
        const [row] = await tx.execute<Array<{ id: number }>>('SELECT CONNECTION_ID() AS id');
        await db.orm.em.fork().execute(`KILL CONNECTION ${Number(row?.id)}`);
        await tx.execute('SELECT 1');
      }),
    );
    expect(isTransientFailure(error)).toBe(true);
  });

  it('a lock wait timeout is transient', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked = () => {};
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = db.orm.em.fork().transactional(async (tx) => {
      await tx.execute('SELECT id FROM test_rows WHERE id = 1 FOR UPDATE');
      locked();
      await held;
    });
    await isLocked;
    const error = await failureOf(() =>
      db.orm.em.fork().transactional(async (tx) => {
        await tx.execute('SET SESSION innodb_lock_wait_timeout = 1');
        await tx.execute('SELECT id FROM test_rows WHERE id = 1 FOR UPDATE');
      }),
    );
    release();
    await holder;
    expect((error as { code?: string }).code).toBe('ER_LOCK_WAIT_TIMEOUT');
    expect(isTransientFailure(error)).toBe(true);
  });

  it('a constraint the code did not expect is not transient, and its reason is one short line', async () => {
    const error = await failureOf(() =>
      db.orm.em
        .fork()
        .transactional((tx) => sqlOf(tx).run('INSERT INTO test_rows (id) VALUES (?)', [1])),
    );
    expect(isTransientFailure(error)).toBe(false);
    expect(failureReason(error)).toBe(
      "UniqueConstraintViolationException ER_DUP_ENTRY: Duplicate entry '1' for key 'PRIMARY'",
    );
  });

  it('a bug in the handler is not transient', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(isTransientFailure(error)).toBe(false);
    expect(failureReason(error)).toBe(
      "TypeError: Cannot read properties of undefined (reading 'id')",
    );
    expect(failureReason(new Error(`first line\n${'x'.repeat(500)}`))).toBe('Error: first line');
    expect(failureReason(new Error('y'.repeat(500)))).toHaveLength(200);
  });
});
