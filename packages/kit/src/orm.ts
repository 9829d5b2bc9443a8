import 'reflect-metadata';
import { ReflectMetadataProvider } from '@mikro-orm/decorators/legacy';
import { MikroORM, type MySqlDriver, type Options } from '@mikro-orm/mysql';
import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { createConnection } from 'mysql2/promise';
import type { Logger } from 'pino';
import {
  checkDatabaseName,
  entityDrift,
  registrationProblems,
  withMigrationLock,
} from './migrations';

/** A named migration class, in the order it is applied. */
export type MigrationEntry = MigrationObject;

export interface OrmOptions {
  mysqlUrl: string;
  dbName: string;
  entities: Options['entities'];
  migrations: MigrationEntry[];
  logger: Logger;
  /** Pool size; a subgraph rarely needs more than a handful on 2 cores. */
  poolMax?: number;
  /** Called with every SQL statement (tests count them). */
  onQuery?: (sql: string) => void;
}

const DB_NAME = /^[A-Za-z0-9_]{1,64}$/;

/** Creates the database when missing: a fresh machine needs no manual SQL. */
export async function ensureDatabase(mysqlUrl: string, dbName: string): Promise<void> {
  if (!DB_NAME.test(dbName)) throw new Error(`invalid database name: ${dbName}`);
  const connection = await connectOrExplain(mysqlUrl);
  try {
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await connection.end();
  }
}

export async function dropDatabase(mysqlUrl: string, dbName: string): Promise<void> {
  if (!DB_NAME.test(dbName)) throw new Error(`invalid database name: ${dbName}`);
  const connection = await connectOrExplain(mysqlUrl);
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
  } finally {
    await connection.end();
  }
}

async function connectOrExplain(mysqlUrl: string) {
  try {
    return await createConnection({ uri: mysqlUrl, connectTimeout: 5000 });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `MySQL/MariaDB is not reachable at ${redactUrl(mysqlUrl)} (${reason}); start it or set MYSQL_URL`,
    );
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable MYSQL_URL)';
  }
}

/**
 * Boots MikroORM on the service's own database and applies pending migrations. Migrations,
 * never schema sync: a restart must not drop or reshape data behind anyone's back.
 */
export async function createOrm(options: OrmOptions): Promise<MikroORM> {
  await ensureDatabase(options.mysqlUrl, options.dbName);
  const log = options.logger.child({ component: 'orm' });
  const orm = await MikroORM.init<MySqlDriver>({
    clientUrl: options.mysqlUrl,
    dbName: options.dbName,
    entities: options.entities,
    // A service may write only through SQL and map no entities (the feed does).
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    // v7 no longer defaults to reflect-metadata; the entities use legacy decorators with
    // explicit `type`s plus emitted design:type metadata, so keep the v6 provider.
    metadataProvider: ReflectMetadataProvider,
    // mysql2 3.23+ parses MariaDB JSON columns itself; raw reads (the outbox relay's hot path)
    // want the stored text as it is, not parse-then-stringify per event, as with MikroORM 6.
    driverOptions: { jsonStrings: true },
    migrations: {
      migrationsList: options.migrations,
      // MySQL commits implicitly around DDL, so a migration transaction would promise
      // atomicity it cannot give; each migration is written to be re-runnable instead.
      transactional: false,
      allOrNothing: false,
      snapshot: false,
      silent: true,
    },
    pool: { min: 0, max: options.poolMax ?? 10 },
    timezone: '+00:00',
    forceUtcTimezone: true,
    allowGlobalContext: false,
    debug: options.onQuery ? ['query'] : false,
    logger: options.onQuery
      ? (message) => options.onQuery?.(message)
      : (message) => log.debug(message),
    colors: false,
  });
  try {
    // Several instances may start at once (compose replicas, a rolling deploy): one migrates.
    const applied = await withMigrationLock(
      { mysqlUrl: options.mysqlUrl, dbName: options.dbName, logger: log },
      () => orm.migrator.up(),
    );
    if (applied.length > 0)
      log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } catch (error) {
    await orm.close(true);
    throw error;
  }
  return orm;
}

/**
 * `npm run migration:check` for one service: the migrations folder and its index.ts agree, and
 * a database migrated from nothing matches the entities (else the SQL that is missing).
 * Returns the problems, none when all is well; the throwaway database is dropped either way.
 */
export async function checkMigrations(options: {
  service: string;
  mysqlUrl: string;
  migrationsDir: string;
  entities: OrmOptions['entities'];
  migrations: MigrationEntry[];
  logger: Logger;
}): Promise<string[]> {
  const problems = registrationProblems(options.migrationsDir, options.migrations);
  const dbName = checkDatabaseName(options.service);
  try {
    const orm = await createOrm({ ...options, dbName, poolMax: 2 });
    try {
      const drift = await entityDrift(orm);
      if (drift) problems.push(`the entities need SQL no migration has:\n${drift}`);
    } finally {
      await orm.close(true);
    }
  } finally {
    await dropDatabase(options.mysqlUrl, dbName);
  }
  return problems;
}

export { migrationLockName, registrationProblems } from './migrations';
export * from './sql';
