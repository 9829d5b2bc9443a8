import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/mysql';
import { createOrm, dropDatabase, type MigrationEntry, type OrmOptions } from '@social/kit/orm';
import pino from 'pino';

export const TEST_MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/**
 * A throwaway database name per test file, so files run in parallel without sharing rows.
 */
export function testDatabaseName(prefix: string): string {
  return `t_${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

export interface TestOrm {
  orm: MikroORM;
  dbName: string;
  /** Every SQL statement since the last `resetQueries()`. */
  queries: string[];
  resetQueries(): void;
  /** Empties the given tables (FK checks off), for beforeEach. */
  truncate(...tables: string[]): Promise<void>;
  close(): Promise<void>;
}

/** Boots MikroORM on a fresh database with the service's migrations; `close` drops it. */
export async function createTestOrm(options: {
  prefix: string;
  entities: OrmOptions['entities'];
  migrations: MigrationEntry[];
}): Promise<TestOrm> {
  const dbName = testDatabaseName(options.prefix);
  const queries: string[] = [];
  const orm = await createOrm({
    mysqlUrl: TEST_MYSQL_URL,
    dbName,
    entities: options.entities,
    migrations: options.migrations,
    logger: silentLogger,
    onQuery: (message) => queries.push(message),
  });
  return {
    orm,
    dbName,
    queries,
    resetQueries: () => void queries.splice(0, queries.length),
    truncate: async (...tables) => {
      const connection = orm.em.getConnection();
      await connection.execute('SET FOREIGN_KEY_CHECKS = 0');
      for (const table of tables) await connection.execute(`TRUNCATE TABLE \`${table}\``);
      await connection.execute('SET FOREIGN_KEY_CHECKS = 1');
    },
    close: async () => {
      await orm.close(true);
      await dropDatabase(TEST_MYSQL_URL, dbName);
    },
  };
}
