import type { EntityManager } from '@mikro-orm/mysql';
import { BadUserInputError, decodeCursor, pageSize, toPage } from '@social/kit';
import type { AuthLimits } from '../rate-limit/auth-limits';
import { findUsersByIds } from '../user/user.repository';
import type { UserConnection } from './user-connection.type';
import { nameWords } from './name-words';
import { findMatches, type SearchPosition } from './search.repository';

const MAX_QUERY = 50;
// More terms than a display name of 50 characters can sensibly hold; each is one more join.
const MAX_TERMS = 5;

/**
 * Every member whose handle starts with the query or whose display name has a word starting
 * with each of its words, unverified accounts included: `user(handle)` shows them too, so a
 * search hides nothing a lookup would show. Deleted accounts have no row, so no match.
 */
export async function searchUsers(
  deps: { em: EntityManager; limits: AuthLimits },
  input: { query: string; first?: number | null; after?: string | null; address: string },
): Promise<UserConnection> {
  await deps.limits.search(input.address);
  const query = input.query.trim();
  if ([...query].length < 1 || [...query].length > MAX_QUERY)
    throw new BadUserInputError([
      { field: 'query', message: `must be 1 to ${MAX_QUERY} characters` },
    ]);
  const limit = pageSize(input.first);
  const after = positionOf(decodeCursor(input.after));
  // "@ada" finds the handle ada, as people write handles; with a space it is no handle.
  const handle = query.replace(/^@/, '').toLowerCase();
  const handleQuery = handle && !/\s/.test(handle) ? handle : null;
  const terms = nameWords(query).slice(0, MAX_TERMS);
  const hits = await findMatches(deps.em, { handle: handleQuery, terms, after, limit: limit + 1 });
  const users = new Map(
    (
      await findUsersByIds(
        deps.em,
        hits.map((hit) => hit.userId),
      )
    ).map((u) => [u.id, u]),
  );
  const rows = hits.flatMap((hit) => {
    const user = users.get(hit.userId);
    return user ? [{ user, position: hit }] : [];
  });
  const page = toPage(rows, limit, (row) => cursorOf(row.position));
  return {
    edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: edge.node.user })),
    pageInfo: page.pageInfo,
  };
}

/**
 * The kit's cursor is a (number, id) pair: here the rank and the handle, the keyset of the
 * ranking (handles are unique and match the cursor's id alphabet).
 */
function cursorOf(position: SearchPosition) {
  return { at: new Date(position.rank), id: position.handle };
}

function positionOf(cursor: ReturnType<typeof decodeCursor>): SearchPosition | null {
  return cursor ? { rank: cursor.at.getTime(), handle: cursor.id } : null;
}
