import { isId } from '@social/kit';
import type { ActivityContext } from '../context';

/**
 * Resolves `Post` representations (the feed's references) in one statement per request;
 * an unknown post is null, a deleted one a tombstone (see `createPostReference`).
 */
export const postReference = {
  Post: {
    __resolveReference: (reference: { id: unknown }, context: ActivityContext) =>
      isId(reference.id) ? context.loaders.postReference.load(reference.id) : null,
  },
};
