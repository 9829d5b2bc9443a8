import { createBoundedLoader, type RowBudget } from '@social/kit';

/** Counts of every id asked in one tick, from one grouped read; an id without rows is 0. */
export function createCountLoader(
  budget: RowBudget,
  count: (ids: readonly string[]) => Promise<Map<string, number>>,
) {
  return createBoundedLoader<string, number>(budget, async (ids) => {
    const counts = await count(ids);
    return ids.map((id) => counts.get(id) ?? 0);
  });
}

/** Whether each id asked in one tick is in the set one read answers (viewer likes, follows). */
export function createMembershipLoader(
  budget: RowBudget,
  find: (ids: readonly string[]) => Promise<Set<string>>,
) {
  return createBoundedLoader<string, boolean>(budget, async (ids) => {
    const found = await find(ids);
    return ids.map((id) => found.has(id));
  });
}

/** Rows by id, from one read for every id asked in one tick; an id not found is null. */
export function createByIdLoader<T>(
  budget: RowBudget,
  find: (ids: readonly string[]) => Promise<Map<string, T>>,
) {
  return createBoundedLoader<string, T | null>(budget, async (ids) => {
    const byId = await find(ids);
    return ids.map((id) => byId.get(id) ?? null);
  });
}
