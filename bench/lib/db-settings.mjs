// The database as the README's "Production database" section recommends, on the server the
// bench is pointed at: a buffer pool that holds the feed's working set and a redo log that
// absorbs a fan-out without checkpoint stalls. MariaDB and MySQL resize both online. The bench
// says what it changed and puts the old values back when it ends (the server is shared).
import mysql from 'mysql2/promise';

export const BENCH_DB_SETTINGS = {
  innodb_buffer_pool_size: 1024 * 1024 * 1024,
  innodb_log_file_size: 512 * 1024 * 1024,
};

/** Raises each setting that is below the recommendation; resolves a function that restores them. */
export async function applyDatabaseSettings(mysqlUrl, log) {
  const connection = await mysql.createConnection({ uri: mysqlUrl });
  const changed = [];
  try {
    for (const [name, wanted] of Object.entries(BENCH_DB_SETTINGS)) {
      const [[row]] = await connection.query(`SELECT @@GLOBAL.${name} AS value`);
      const current = Number(row?.value);
      if (!Number.isFinite(current) || current >= wanted) continue;
      try {
        await connection.query(`SET GLOBAL ${name} = ?`, [wanted]);
        changed.push({ name, from: current, to: wanted });
      } catch (error) {
        log(`database: could not set ${name} (${error.message}); the numbers use ${current}`);
      }
    }
  } finally {
    await connection.end();
  }
  for (const c of changed)
    log(`database: ${c.name} ${mib(c.from)} → ${mib(c.to)} for this run (restored at the end)`);
  const settings = Object.fromEntries(
    Object.keys(BENCH_DB_SETTINGS).map((name) => [
      name,
      changed.find((c) => c.name === name)?.to ?? 'unchanged',
    ]),
  );
  return {
    settings,
    async restore() {
      if (changed.length === 0) return;
      const again = await mysql.createConnection({ uri: mysqlUrl });
      try {
        for (const c of changed) await again.query(`SET GLOBAL ${c.name} = ?`, [c.from]);
      } finally {
        await again.end();
      }
    },
  };
}

const mib = (bytes) => `${Math.round(bytes / 1024 / 1024)} MiB`;
