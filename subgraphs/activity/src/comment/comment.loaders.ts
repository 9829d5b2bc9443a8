import type { EntityManager } from '@mikro-orm/mysql';
import { createPageLoader } from '../shared/page-loader';
import { toDate } from '../shared/sql';
import type { Comment } from './comment.entity';

export function toComment(row: Record<string, any>): Comment {
  return {
    id: row.id,
    postId: row.post_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: toDate(row.created_at),
  };
}

export function createCommentLoaders(em: EntityManager) {
  return {
    commentsByPost: createPageLoader<Comment>(em, {
      table: 'comments',
      parentColumn: 'post_id',
      atColumn: 'created_at',
      idColumn: 'id',
      columns: 'id, post_id, author_id, body, created_at',
      map: toComment,
      cursorOf: (comment) => ({ at: comment.createdAt, id: comment.id }),
    }),
  };
}
