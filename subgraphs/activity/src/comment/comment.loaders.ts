import type { EntityManager } from '@mikro-orm/mysql';
import { createPageLoader } from '../shared/page-loader';
import { toDate } from '../shared/sql';
import type { Comment } from './comment.entity';

interface CommentRow {
  id: string;
  post_id: string;
  author_id: string;
  body: string;
  created_at: string;
}

export function toComment(row: CommentRow): Comment {
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
    commentsByPost: createPageLoader<Comment, CommentRow>(em, {
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
