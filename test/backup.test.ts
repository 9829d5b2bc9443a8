import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/mysql';
import { createOrm, dropDatabase, sqlOf } from '@social/kit/orm';
import { TEST_MYSQL_URL, silentLogger, testDatabaseName } from '@social/testkit';
import { migrations as activityMigrations } from '../subgraphs/activity/src/migrations';
import { migrations as feedMigrations } from '../subgraphs/feed/src/migrations';
import { migrations as membersMigrations } from '../subgraphs/members/src/migrations';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');

/**
 * `npm run backup` then `npm run restore FILE` gives back the same rows, in test databases of
 * their own (never the development ones): the services' real tables, every row of every table.
 */
describe('backup and restore', () => {
  const names = {
    MEMBERS_DB: testDatabaseName('bk_members'),
    ACTIVITY_DB: testDatabaseName('bk_activity'),
    FEED_DB: testDatabaseName('bk_feed'),
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'backup-'));
  const env = { ...process.env, ...names, MYSQL_URL: TEST_MYSQL_URL, BACKUP_DIR: dir };
  const script = (name: string, ...args: string[]) =>
    run(process.execPath, [path.join(ROOT, 'scripts', name), ...args], { env, cwd: ROOT });
  let orms: MikroORM[] = [];

  beforeAll(async () => {
    const open = (dbName: string, migrations: typeof feedMigrations) =>
      createOrm({
        mysqlUrl: TEST_MYSQL_URL,
        dbName,
        entities: [],
        migrations,
        logger: silentLogger,
      });
    orms = [
      await open(names.MEMBERS_DB, membersMigrations),
      await open(names.ACTIVITY_DB, activityMigrations),
      await open(names.FEED_DB, feedMigrations),
    ];
    const [members, activity, feed] = orms.map((orm) => sqlOf(orm.em.fork()));
    await members?.run(
      `INSERT INTO users (id, handle, display_name, greeting, avatar_url, created_at, email, password_hash)
       VALUES ('00000000-0000-4000-8000-000000000001', 'zoë', 'Zoë 🌱', 'it''s me', NULL,
               '2026-12-02 10:00:00.123', 'zoe@example.com', '$argon2id$v=19$m=19456,t=2,p=1$x$y')`,
    );
    await activity?.run(
      `INSERT INTO follows (follower_id, followee_id, created_at) VALUES
       ('00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '2026-12-02 10:00:01.5')`,
    );
    await feed?.run(
      `INSERT INTO notifications (id, recipient_id, kind, actor_id, post_id, created_at, read_at) VALUES
       ('00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-000000000001', 'follow',
        '00000000-0000-4000-8000-000000000002', NULL, '2026-12-02 10:00:02.000', NULL)`,
    );
  });

  afterAll(async () => {
    await Promise.all(orms.map((orm) => orm.close(true)));
    await Promise.all(Object.values(names).map((name) => dropDatabase(TEST_MYSQL_URL, name)));
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every row of every table of the three databases, in a stable order. */
  async function snapshot(): Promise<Record<string, unknown[]>> {
    const sql = sqlOf(orms[0]?.em.fork());
    const result: Record<string, unknown[]> = {};
    for (const db of Object.values(names)) {
      const tables = await sql.all<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name',
        [db],
      );
      for (const { name } of tables) {
        result[`${db}.${name}`] = await sql.all(`SELECT * FROM \`${db}\`.\`${name}\` ORDER BY 1`);
      }
    }
    return result;
  }

  it('gives back the same rows in empty databases', async () => {
    const before = await snapshot();
    expect(before[`${names.MEMBERS_DB}.users`]).toHaveLength(1);
    const file = path.join(dir, 'all.sql.gz');
    const backup = await script('backup.mjs', file);
    expect(backup.stdout).toContain(`[backup] ${Object.values(names).join(', ')} ->`);

    await Promise.all(Object.values(names).map((name) => dropDatabase(TEST_MYSQL_URL, name)));
    const restore = await script('restore.mjs', file);
    expect(restore.stdout).toContain('restored from');
    expect(await snapshot()).toEqual(before);
  });

  it('backs up what is there before a restore replaces it', async () => {
    const file = path.join(dir, 'again.sql.gz');
    await script('backup.mjs', file);
    const before = await snapshot();
    const sql = sqlOf(orms[1]?.em.fork());
    await sql.run(`DELETE FROM \`${names.ACTIVITY_DB}\`.follows`);

    const restore = await script('restore.mjs', file);
    expect(await snapshot()).toEqual(before);
    const safety = readdirSync(dir).filter((name) => name.startsWith('pre-restore-'));
    expect(safety).toHaveLength(1);
    expect(restore.stdout).toContain(`is in `);
    expect(existsSync(path.join(dir, safety[0]))).toBe(true);
  });
});
