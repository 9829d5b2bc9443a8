// The database as the README's "Production database" section recommends, on the server the
// bench is pointed at: a buffer pool that holds the feed's working set and a redo log that
// absorbs a fan-out without checkpoint stalls. MariaDB and MySQL resize both online. The bench
// says what it changed and puts the old values back when it ends (the server is shared).
import { setTimeout as sleep } from 'node:timers/promises';
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

/**
 * Waits until InnoDB has written back what a bulk load left dirty (at most `timeoutMs`), so that
 * the scenario measured next does not share the disk and a core with that background flush:
 * the seed leaves a few hundred MiB of dirty pages, which MariaDB's default I/O capacity writes
 * out over minutes: in a run without this wait the gateway measured first (`me`) reached 659
 * req/s against 1,086 in the run before, while members direct, measured minutes later, matched
 * (1,646 req/s in both). Flushing is forced by a dirty-page target of 0 and a high I/O capacity for the wait,
 * then restored.
 */
export async function settleDatabase(mysqlUrl, log, { timeoutMs = 180_000, pages = 500 } = {}) {
  const connection = await mysql.createConnection({ uri: mysqlUrl });
  const dirty = async () => {
    const [[row]] = await connection.query(
      "SHOW GLOBAL STATUS LIKE 'Innodb_buffer_pool_pages_dirty'",
    );
    return Number(row?.Value ?? 0);
  };
  const started = Date.now();
  const before = await dirty();
  const [[old]] = await connection.query(
    `SELECT @@GLOBAL.innodb_max_dirty_pages_pct AS pct, @@GLOBAL.innodb_max_dirty_pages_pct_lwm AS lwm,
       @@GLOBAL.innodb_io_capacity AS io, @@GLOBAL.innodb_io_capacity_max AS ioMax`,
  );
  let left = before;
  try {
    if (before > pages) {
      // At the default I/O capacity (200 pages/s) the seed's pages took over 3 minutes.
      await connection.query('SET GLOBAL innodb_io_capacity_max = ?', [Math.max(old.ioMax, 20000)]);
      await connection.query('SET GLOBAL innodb_io_capacity = ?', [Math.max(old.io, 10000)]);
      await connection.query('SET GLOBAL innodb_max_dirty_pages_pct_lwm = 0');
      await connection.query('SET GLOBAL innodb_max_dirty_pages_pct = 0');
      while (left > pages && Date.now() - started < timeoutMs) {
        await sleep(500);
        left = await dirty();
      }
    }
  } finally {
    await connection.query('SET GLOBAL innodb_max_dirty_pages_pct = ?', [old.pct]);
    await connection.query('SET GLOBAL innodb_max_dirty_pages_pct_lwm = ?', [old.lwm]);
    await connection.query('SET GLOBAL innodb_io_capacity = ?', [old.io]);
    await connection.query('SET GLOBAL innodb_io_capacity_max = ?', [old.ioMax]);
    await connection.end();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (before > pages)
    log(`database: ${before} dirty pages written back to ${left} in ${seconds} s`);
  return { before, left, seconds: Number(seconds) };
}
