import { createPageLoader } from '../shared/page-loader';
import type { Sql } from '@social/kit/orm';
import { commentsByPost } from './comment.repository';

/** Per-request loaders of comments. */
export function createCommentLoaders(sql: Sql) {
  return {
    commentsByPost: createPageLoader(sql, commentsByPost),
  };
}
