import DataLoader from 'dataloader';
import { queryTooCostly } from './query-cost';

/**
 * Bounds on what one request's DataLoaders may read, so no request makes one SQL statement (or
 * a run of them) unbounded, whatever got past the cost limit. The cost limit (query-cost.ts)
 * refuses a costly request before anything runs; these hold inside each subgraph in case an
 * estimate was wrong or a caller reached a subgraph another way.
 */
export const LOADER_LIMITS = {
  /** Keys per statement of a by-id, count or membership loader (`IN (...)` of at most this). */
  maxBatchSize: 100,
  /** Pages per statement of a page loader: each page is up to MAX_PAGE_SIZE + 1 rows. */
  maxPagesPerBatch: 20,
  /** Rows one request may ask its loaders for, summed over every statement. */
  rowsPerRequest: 5000,
} as const;

/** One request's row budget: every loader batch spends from it before its statement runs. */
export class RowBudget {
  private spent = 0;

  constructor(readonly limit: number = LOADER_LIMITS.rowsPerRequest) {}

  /** Refuses (QUERY_TOO_COSTLY) the batch that would take the request over its budget. */
  spend(rows: number): void {
    if (this.spent + rows > this.limit)
      throw queryTooCostly('Query reads too many rows', 'in-execution');
    this.spent += rows;
  }

  get remaining(): number {
    return this.limit - this.spent;
  }
}

export interface BoundedLoaderOptions<K, C> {
  /** Rows a batch can read (default: one per key); a page loader counts each page's limit. */
  rowsOf?: (keys: readonly K[]) => number;
  maxBatchSize?: number;
  cacheKeyFn?: (key: K) => C;
  cache?: boolean;
}

/** A DataLoader with a maximum batch size that spends from the request's row budget. */
export function createBoundedLoader<K, V, C = K>(
  budget: RowBudget,
  batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
  options: BoundedLoaderOptions<K, C> = {},
): DataLoader<K, V, C> {
  const { rowsOf, maxBatchSize = LOADER_LIMITS.maxBatchSize, ...rest } = options;
  return new DataLoader<K, V, C>(
    async (keys) => {
      budget.spend(rowsOf ? rowsOf(keys) : keys.length);
      return batch(keys);
    },
    { ...rest, maxBatchSize },
  );
}
