import type { RowBudget } from '@social/kit';
import { createPageLoader } from '../shared/page-loader';
import type { Sql } from '@social/kit/orm';
import { commentsByPost } from './comment.repository';

/** Per-request loaders of comments. */
export function createCommentLoaders(sql: Sql, budget: RowBudget) {
  return {
    commentsByPost: createPageLoader(sql, budget, commentsByPost),
  };
}
