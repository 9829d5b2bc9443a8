import { newId } from '@social/kit';
import { createTestOrm, silentLogger, type TestOrm } from '@social/testkit';
import { createServer } from '../../members/src/server';
import { entities } from '../../members/src/entities';
import { migrations } from '../../members/src/migrations';

/**
 * The real members subgraph in-process, on its own throwaway database. Until members ships
 * its test harness (sign-up and login), accounts are inserted as rows; columns members adds
 * later get a placeholder value by type, so its schema can grow without breaking this.
 */
export async function startRealMembers() {
  const db = await createTestOrm({ prefix: 'act_members', entities, migrations });
  const server = await createServer({ orm: db.orm, logger: silentLogger });
  const url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  const required = await requiredColumns(db);
  return {
    url,
    db,
    createUsers: (count: number) => insertUsers(db, required, count),
    reset: () => db.truncate('users'),
    close: async () => {
      await server.stop();
      await db.close();
    },
  };
}

export type RealMembers = Awaited<ReturnType<typeof startRealMembers>>;

interface Column {
  name: string;
  type: string;
}

async function requiredColumns(db: TestOrm): Promise<Column[]> {
  return db.orm.em.getConnection().execute<Column[]>(
    `select column_name as name, data_type as type from information_schema.columns
     where table_schema = ? and table_name = 'users' and is_nullable = 'NO' and column_default is null`,
    [db.dbName],
  );
}

async function insertUsers(db: TestOrm, columns: Column[], count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => newId());
  const tuple = `(${columns.map(() => '?').join(',')})`;
  const values = ids.flatMap((id) => columns.map((column) => placeholder(column, id)));
  await db.orm.em.getConnection().execute(
    `insert into users (${columns.map((c) => `\`${c.name}\``).join(',')}) values ${ids.map(() => tuple).join(',')}`,
    values,
  );
  return ids;
}

function placeholder(column: Column, id: string): unknown {
  if (column.name === 'id') return id;
  if (/date|time/.test(column.type)) return new Date();
  if (/int|decimal|float|double|bit/.test(column.type)) return 0;
  const unique = `u${id.replace(/-/g, '').slice(-20)}`;
  return column.name.includes('email') ? `${unique}@example.test` : unique;
}
