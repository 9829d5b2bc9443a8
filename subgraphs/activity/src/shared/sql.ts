import type { EntityManager } from '@mikro-orm/mysql';

/**
 * Raw statements run in the EntityManager's transaction when it has one. Idempotent writes
 * need `affectedRows` (INSERT IGNORE, DELETE), which the unit of work does not expose.
 */
export async function run(em: EntityManager, sql: string, params: unknown[] = []): Promise<number> {
  const result = await em.execute<{ affectedRows: number }>(sql, params, 'run');
  return result.affectedRows;
}

export function all<T extends object>(
  em: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  return em.execute<T[]>(sql, params, 'all');
}

export function placeholders(values: readonly unknown[]): string {
  return values.map(() => '?').join(',');
}

/** The driver returns DATETIME(3) as `YYYY-MM-DD hh:mm:ss.mmm` strings in UTC. */
export function toDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`);
}

export function toDateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : toDate(value);
}
