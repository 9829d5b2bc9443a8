import type { KeysetSource } from '../shared/keyset.repository';
import { list, toDate, toDateOrNull, type Sql } from '@social/kit/orm';
import type { Post } from './post.entity';

const POST_COLUMNS = 'id, author_id, body, created_at, edited_at';

interface PostRow {
  id: string;
  author_id: string;
  body: string;
  created_at: Date | string;
  edited_at: Date | string | null;
  deleted_at?: Date | string | null;
}

function toPost(row: PostRow): Post {
  return {
    id: row.id,
    authorId: row.author_id,
    body: row.body,
    createdAt: toDate(row.created_at),
    editedAt: toDateOrNull(row.edited_at),
    deletedAt: null,
  };
}

/** A deleted post as other subgraphs' references see it: no body, `deleted: true`. */
function toReference(row: PostRow): Post {
  const post = toPost(row);
  if (!row.deleted_at) return post;
  return { ...post, body: '', editedAt: null, deletedAt: toDate(row.deleted_at) };
}

/** Posts that exist and are not deleted, by id. */
export async function findLivePosts(sql: Sql, ids: readonly string[]): Promise<Map<string, Post>> {
  const rows = await sql.all<PostRow>(
    `select ${POST_COLUMNS} from posts where id in (${list(ids.length)}) and deleted_at is null`,
    [...ids],
  );
  return new Map(rows.map((row) => [row.id, toPost(row)]));
}

/** Posts by id, deleted ones included as tombstones. */
export async function findPostsOrTombstones(
  sql: Sql,
  ids: readonly string[],
): Promise<Map<string, Post>> {
  const rows = await sql.all<PostRow>(
    `select ${POST_COLUMNS}, deleted_at from posts where id in (${list(ids.length)})`,
    [...ids],
  );
  return new Map(rows.map((row) => [row.id, toReference(row)]));
}

/** A member's live posts, newest first. */
export const postsByAuthor: KeysetSource<Post, PostRow> = {
  table: 'posts',
  parentColumn: 'author_id',
  atColumn: 'created_at',
  idColumn: 'id',
  columns: POST_COLUMNS,
  where: 'deleted_at is null',
  map: toPost,
  cursorOf: (post) => ({ at: post.createdAt, id: post.id }),
};

/**
 * A live post's author, read with a row lock inside the caller's transaction: `share` lets
 * likes and comments run side by side while a delete waits for them (and they for it);
 * `update` is for the author's changes. Null when there is no live post of that id.
 */
export async function lockLivePostAuthor(
  tx: Sql,
  postId: string,
  mode: 'share' | 'update',
): Promise<string | null> {
  const lock = mode === 'share' ? 'lock in share mode' : 'for update';
  const [row] = await tx.all<{ author_id: string }>(
    `select author_id from posts where id = ? and deleted_at is null ${lock}`,
    [postId],
  );
  return row?.author_id ?? null;
}

export function insertPost(
  tx: Sql,
  post: Pick<Post, 'id' | 'authorId' | 'body' | 'createdAt'>,
): Promise<number> {
  return tx.run('insert into posts (id, author_id, body, created_at) values (?, ?, ?, ?)', [
    post.id,
    post.authorId,
    post.body,
    post.createdAt,
  ]);
}

export function updatePostBody(
  tx: Sql,
  postId: string,
  body: string,
  editedAt: Date,
): Promise<number> {
  return tx.run('update posts set body = ?, edited_at = ? where id = ?', [body, editedAt, postId]);
}

/** Deleting only sets `deleted_at`; every read filters on it. */
export function markPostDeleted(tx: Sql, postId: string, deletedAt: Date): Promise<number> {
  return tx.run('update posts set deleted_at = ? where id = ?', [deletedAt, postId]);
}
