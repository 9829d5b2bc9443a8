import { Comment } from './comment/comment.entity';
import { Post } from './post/post.entity';

/**
 * The tables that are also GraphQL types. Every other table (follows, likes, outbox) is read
 * and written only through its repository's SQL; test/entities.test.ts keeps these classes
 * and the migrated tables from drifting apart.
 */
export const entities = [Post, Comment];
