import { Migration } from '@mikro-orm/migrations';
import { createConnection } from 'mysql2/promise';
import pino from 'pino';
import { createOrm, dropDatabase, migrationLockName, type MigrationEntry } from '../src/orm';

const MYSQL_URL = process.env.MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
const logger = pino({ level: 'silent' });

// Neither statement survives a second run: a migration applied twice fails the start.
class Migration20990101000000_counter extends Migration {
  override async up(): Promise<void> {
    this.addSql('CREATE TABLE counter (id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB');
    this.addSql('INSERT INTO counter (id) VALUES (1)');
  }
}
class Migration20990102000000_counter_more extends Migration {
  override async up(): Promise<void> {
    this.addSql('INSERT INTO counter (id) VALUES (2)');
  }
}
const migrations: MigrationEntry[] = [
  { name: 'Migration20990101000000_counter', class: Migration20990101000000_counter },
  { name: 'Migration20990102000000_counter_more', class: Migration20990102000000_counter_more },
];

describe('migrations under a lock', () => {
  const dbName = `t_kit_migrate_${process.pid}_${Date.now() % 100000}`;
  afterAll(() => dropDatabase(MYSQL_URL, dbName));

  it('two instances starting at once on an empty database apply each migration once', async () => {
    const start = () =>
      createOrm({ mysqlUrl: MYSQL_URL, dbName, entities: [], migrations, logger });
    const orms = await Promise.all([start(), start(), start()]);
    try {
      const sql = orms[0]?.em.getConnection();
      const counter = await sql?.execute('SELECT id FROM counter ORDER BY id');
      expect(counter).toEqual([{ id: 1 }, { id: 2 }]);
      const applied: { name: string }[] =
        (await sql?.execute('SELECT name FROM mikro_orm_migrations ORDER BY name')) ?? [];
      expect(applied.map((row) => row.name)).toEqual(migrations.map((m) => m.name));
    } finally {
      await Promise.all(orms.map((orm) => orm.close(true)));
    }
    // Released with the start: the next instance does not wait.
    const connection = await createConnection({ uri: MYSQL_URL });
    const [rows] = await connection.query('SELECT IS_FREE_LOCK(?) AS free', [
      migrationLockName(dbName),
    ]);
    await connection.end();
    expect(rows).toEqual([{ free: 1 }]);
  });

  it('names the lock after the database, within MySQL’s 64 characters', () => {
    expect(migrationLockName('members')).toBe('migrations:members');
    const long = migrationLockName('x'.repeat(64));
    expect(long).toHaveLength(64);
    expect(long).not.toBe(migrationLockName('y'.repeat(64)));
  });
});
