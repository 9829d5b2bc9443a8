import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import type { MikroORM } from '@mikro-orm/mysql';
import { createConnection, type RowDataPacket } from 'mysql2/promise';
import type { Logger } from 'pino';

/** How long an instance waits for another one's migrations before it gives up. */
const LOCK_TIMEOUT_SECONDS = 300;

/** MySQL lock names are at most 64 characters; a database name may be 64 on its own. */
export function migrationLockName(dbName: string): string {
  const name = `migrations:${dbName}`;
  if (name.length <= 64) return name;
  return `migrations:${createHash('sha256').update(dbName).digest('hex').slice(0, 53)}`;
}

/**
 * Runs `migrate` while holding the database's migration lock (MySQL GET_LOCK, one per database
 * name, held by a connection of its own), so instances starting together apply each migration
 * once: the first migrates, the others wait, then find nothing pending. The lock dies with
 * its connection, so a crashed instance never leaves it held.
 */
export async function withMigrationLock<T>(
  options: { mysqlUrl: string; dbName: string; logger: Logger },
  migrate: () => Promise<T>,
): Promise<T> {
  const name = migrationLockName(options.dbName);
  const connection = await createConnection({ uri: options.mysqlUrl, connectTimeout: 5000 });
  try {
    const [[free]] = await connection.query<RowDataPacket[]>('SELECT IS_FREE_LOCK(?) AS free', [
      name,
    ]);
    if (Number(free?.free) !== 1) {
      options.logger.info({ lock: name }, 'waiting for another instance to finish its migrations');
    }
    const [[lock]] = await connection.query<RowDataPacket[]>('SELECT GET_LOCK(?, ?) AS got', [
      name,
      LOCK_TIMEOUT_SECONDS,
    ]);
    if (Number(lock?.got) !== 1) {
      throw new Error(
        `another instance held the migration lock of ${options.dbName} for ${LOCK_TIMEOUT_SECONDS} s; is one stuck?`,
      );
    }
    try {
      return await migrate();
    } finally {
      await connection.query('SELECT RELEASE_LOCK(?)', [name]);
    }
  } finally {
    await connection.end();
  }
}

/** A migration file's name (without .ts/.js): `Migration<14 digits>` plus an optional `_name`. */
const MIGRATION_FILE = /^(Migration\d{14}(?:_[A-Za-z0-9_]+)?)\.ts$/;

/**
 * What makes the list in src/migrations/index.ts disagree with the folder: a file that is not
 * listed never runs, a listed name without its file or class is a typo, and the list must be in
 * name (that is, time) order, the order MikroORM records them in.
 */
export function registrationProblems(
  migrationsDir: string,
  migrations: Array<{ name: string; class?: unknown }>,
): string[] {
  const files = readdirSync(migrationsDir)
    .map((file) => MIGRATION_FILE.exec(file)?.[1])
    .filter((name): name is string => Boolean(name));
  const listed = migrations.map((migration) => migration.name);
  const problems = [
    ...files
      .filter((file) => !listed.includes(file))
      .map((file) => `${file}.ts is not listed in migrations/index.ts, so it never runs`),
    ...listed
      .filter((name) => !files.includes(name))
      .map((name) => `migrations/index.ts lists ${name}, which has no file ${name}.ts`),
    ...migrations
      .filter((m) => typeof m.class === 'function' && m.class.name !== m.name)
      .map((m) => `migrations/index.ts lists ${m.name} with the class of another migration`),
  ];
  if (listed.join() !== [...listed].sort().join()) {
    problems.push('migrations/index.ts must list the migrations in name (time) order');
  }
  return problems;
}

/**
 * The SQL that would make the migrated tables match the entities (empty when they agree).
 * Tables without an entity are the repositories' own, so they are never reported as dropped.
 */
export async function entityDrift(orm: MikroORM): Promise<string> {
  const connection = orm.em.getConnection();
  const [{ version }] = await connection.execute<{ version: string }[]>(
    'SELECT VERSION() AS version',
  );
  const restore = /mariadb/i.test(version) ? readMariaDbDefaults(orm) : () => {};
  try {
    const sql = await orm.schema.getUpdateSchemaSQL({ wrap: false, dropTables: false });
    return sql.trim();
  } finally {
    restore();
  }
}

type ColumnsByTable = Record<string, { default?: string | null; nullable?: boolean }[]>;

/**
 * MariaDB reports "no default" of a nullable column as the word NULL, which MikroORM's MySQL
 * dialect (the one the services use, for MySQL in production) reads as the string 'NULL', so
 * every nullable text column would show as drift. While the diff runs, the schema reader
 * gives those columns no default, as MySQL itself reports them. Returns the undo.
 */
function readMariaDbDefaults(orm: MikroORM): () => void {
  // The SQL schema reader's method, not on the core SchemaHelper type the platform returns.
  const helper = orm.em.getPlatform().getSchemaHelper() as unknown as
    | { getAllColumns: (...args: unknown[]) => Promise<ColumnsByTable> }
    | undefined;
  if (!helper) return () => {};
  const original = helper.getAllColumns.bind(helper);
  const word = orm.em.getPlatform().quoteValue('NULL');
  Object.assign(helper, {
    getAllColumns: async (...args: unknown[]) => {
      const tables = await original(...args);
      for (const columns of Object.values(tables)) {
        for (const column of columns) {
          if (column.nullable && column.default === word) column.default = null;
        }
      }
      return tables;
    },
  });
  return () => Object.assign(helper, { getAllColumns: original });
}

/** A throwaway database name for a check that migrates from nothing. */
export function checkDatabaseName(label: string): string {
  return `mc_${label.replace(/\W/g, '').slice(0, 30)}_${process.pid}_${randomBytes(3).toString('hex')}`;
}
