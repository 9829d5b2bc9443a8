import type { EntityManager } from '@mikro-orm/mysql';
import type { Viewer } from '@social/kit';
import DataLoader from 'dataloader';
import { createCountLoader, createMembershipLoader } from '../shared/count-loader';
import { createPageLoader } from '../shared/page-loader';
import { all, placeholders, toDate, toDateOrNull } from '../shared/sql';
import type { Post } from './post.entity';

const POST_COLUMNS = 'id, author_id, body, created_at, edited_at';
const REFERENCE_COLUMNS = `${POST_COLUMNS}, deleted_at`;

interface PostRow {
  id: string;
  author_id: string;
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at?: string | null;
}

export function toPost(row: PostRow): Post {
  return {
    id: row.id,
    authorId: row.author_id,
    body: row.body,
    createdAt: toDate(row.created_at),
    editedAt: toDateOrNull(row.edited_at),
    deletedAt: null,
  };
}

/** Posts that exist and are not deleted, by id: what `post(id)` and `_entities` see. */
function createPostById(em: EntityManager) {
  return new DataLoader<string, Post | null>(async (ids) => {
    const rows = await all<PostRow>(
      em,
      `select ${POST_COLUMNS} from posts where id in (${placeholders(ids)}) and deleted_at is null`,
      [...ids],
    );
    const byId = new Map(rows.map((row) => [row.id, toPost(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * What other subgraphs' references resolve to. A post deleted a moment ago can still be listed
 * by a feed that has not applied `post.deleted` yet; `FeedItem.post` is non-null, so a null
 * here would null the whole feed. Such a post comes back as a tombstone instead: no body,
 * `deleted: true`, which clients skip.
 */
function createPostReference(em: EntityManager) {
  return new DataLoader<string, Post | null>(async (ids) => {
    const rows = await all<PostRow>(
      em,
      `select ${REFERENCE_COLUMNS} from posts where id in (${placeholders(ids)})`,
      [...ids],
    );
    const byId = new Map(rows.map((row) => [row.id, toReference(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

function toReference(row: PostRow): Post {
  const post = toPost(row);
  if (!row.deleted_at) return post;
  return { ...post, body: '', editedAt: null, deletedAt: toDate(row.deleted_at) };
}

/** Per-request loaders of posts, their counts and the viewer's likes. */
export function createPostLoaders(em: EntityManager, viewer: Viewer | null) {
  return {
    postById: createPostById(em),
    postReference: createPostReference(em),
    postsByAuthor: createPageLoader<Post, PostRow>(em, {
      table: 'posts',
      parentColumn: 'author_id',
      atColumn: 'created_at',
      idColumn: 'id',
      columns: POST_COLUMNS,
      where: 'deleted_at is null',
      map: toPost,
      cursorOf: (post) => ({ at: post.createdAt, id: post.id }),
    }),
    likeCount: createCountLoader(em, 'likes', 'post_id'),
    commentCount: createCountLoader(em, 'comments', 'post_id'),
    viewerLikes: viewer
      ? createMembershipLoader(em, 'likes', 'user_id', 'post_id', viewer.userId)
      : null,
  };
}
