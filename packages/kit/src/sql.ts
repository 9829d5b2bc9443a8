import type { EntityManager } from '@mikro-orm/mysql';

/**
 * Raw SQL on one entity manager (and so on its transaction, when it is inside one): set-based
 * bookkeeping and idempotent writes that need `affectedRows` (INSERT IGNORE, DELETE), which
 * the unit of work does not expose.
 */
export interface Sql {
  all<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a write and answers how many rows it affected. */
  run(sql: string, params?: unknown[]): Promise<number>;
}

export function sqlOf(em: EntityManager): Sql {
  return {
    all: <T>(sql: string, params: unknown[] = []) => em.execute<T[]>(sql, params, 'all'),
    run: async (sql, params = []) => {
      const result = await em.execute<{ affectedRows: number }>(sql, params, 'run');
      return result.affectedRows;
    },
  };
}

/** `(?,?),(?,?)...` for a multi-row statement. */
export function tuples(rows: number, width: number): string {
  const tuple = `(${Array.from({ length: width }, () => '?').join(',')})`;
  return Array.from({ length: rows }, () => tuple).join(',');
}

/** `?,?,?` for an `IN (...)` of `count` values. */
export function list(count: number): string {
  return Array.from({ length: count }, () => '?').join(',');
}

/**
 * A DATETIME(3) literal in UTC. Passed as a string so the value never depends on how a driver
 * or session time zone would render a Date.
 */
export function sqlTime(value: Date | string): string {
  const iso = typeof value === 'string' ? new Date(value).toISOString() : value.toISOString();
  return iso.replace('T', ' ').replace('Z', '');
}

/** Rows come back as Date (the ORM's connection is UTC); be lenient with strings too. */
export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

export function toDateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : toDate(value);
}

/** Keyset condition "strictly after this position in newest-first order". */
export function olderThan(timeColumn: string, idColumn: string): string {
  return `(${timeColumn} < ? OR (${timeColumn} = ? AND ${idColumn} < ?))`;
}
