import {
  AppError,
  createGatewaySigner,
  ErrorCode,
  GATEWAY_SIGNATURE_HEADER,
  isId,
} from '@social/kit';
import DataLoader from 'dataloader';
import { BoundedTtlCache } from './ttl-cache';

/** How activity learns that a member exists, without reading members' tables. */
export interface UserDirectory {
  /** Rejects with MembersUnavailableError when members cannot answer. */
  exists(userId: string): Promise<boolean>;
  /** A member deleted their account (member.deleted): they exist no more, from now on. */
  forget(userId: string): void;
}

/** Members could not answer: a retryable failure, never mistaken for "no such user". */
export class MembersUnavailableError extends AppError {
  constructor() {
    super(
      'The member directory is unavailable right now; try again shortly',
      ErrorCode.INTERNAL_SERVER_ERROR,
      {
        reason: 'MEMBERS_UNAVAILABLE',
      },
    );
  }
}

export interface MembersDirectoryOptions {
  /** The members subgraph's GraphQL endpoint. */
  url: string;
  /** GATEWAY_SECRET: members answers only signed requests when it has one (README). */
  gatewaySecret?: string | null;
  positiveTtlMs?: number;
  negativeTtlMs?: number;
  maxEntries?: number;
  timeoutMs?: number;
  fetchFn?: typeof fetch;
  now?: () => number;
}

const ENTITIES_QUERY = 'query($r:[_Any!]!){ _entities(representations:$r){ ... on User { id } } }';

/**
 * Asks members through its federation `_entities` field, batched per tick and cached: a
 * member who exists is kept for minutes (a deletion is forgotten at once by the instance that
 * consumes its member.deleted; README, Scaling), while "unknown" is kept only seconds so a
 * fresh sign-up can be followed almost at once.
 */
export function createMembersDirectory(options: MembersDirectoryOptions): UserDirectory {
  const now = options.now ?? Date.now;
  const cache = new BoundedTtlCache<string, boolean>(options.maxEntries ?? 100_000, now);
  const positiveTtl = options.positiveTtlMs ?? 600_000;
  const negativeTtl = options.negativeTtlMs ?? 10_000;
  const loader = new DataLoader<string, boolean>(
    async (ids) => {
      // The loader keeps no cache of its own (ours expires), so it may hand over repeats.
      const found = await lookUp(options, [...new Set(ids)]);
      return ids.map((id) => {
        const exists = found.has(id);
        cache.set(id, exists, exists ? positiveTtl : negativeTtl);
        return exists;
      });
    },
    { cache: false, maxBatchSize: 100 },
  );
  return {
    async exists(userId) {
      if (!isId(userId)) return false;
      return cache.get(userId) ?? loader.load(userId);
    },
    forget(userId) {
      cache.set(userId, false, positiveTtl);
    },
  };
}

async function lookUp(
  options: MembersDirectoryOptions,
  ids: readonly string[],
): Promise<Set<string>> {
  const fetchFn = options.fetchFn ?? fetch;
  const payload = JSON.stringify({
    query: ENTITIES_QUERY,
    variables: { r: ids.map((id) => ({ __typename: 'User', id })) },
  });
  let body: { data?: { _entities?: Array<{ id?: string } | null> }; errors?: unknown[] };
  try {
    const response = await fetchFn(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signature(options, payload) },
      body: payload,
      signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
    });
    if (!response.ok) throw new Error(`members answered HTTP ${response.status}`);
    body = (await response.json()) as typeof body;
  } catch {
    throw new MembersUnavailableError();
  }
  const entities = body.data?._entities;
  if (body.errors?.length || !Array.isArray(entities)) throw new MembersUnavailableError();
  return new Set(entities.flatMap((entity) => (entity?.id ? [entity.id] : [])));
}

/** The gateway's credential on a lookup, when members expects one. */
function signature(options: MembersDirectoryOptions, body: string): Record<string, string> {
  if (!options.gatewaySecret) return {};
  const { pathname, search } = new URL(options.url);
  const sign = createGatewaySigner(options.gatewaySecret);
  return { [GATEWAY_SIGNATURE_HEADER]: sign({ method: 'POST', path: pathname + search, body }) };
}
