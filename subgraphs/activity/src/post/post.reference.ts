import { isId } from '@social/kit';
import type { ActivityContext } from '../context';

/**
 * Resolves `Post` representations (the feed's references) in one statement per request;
 * a deleted or unknown post is null.
 */
export const postReference = {
  Post: {
    __resolveReference: (reference: { id: unknown }, context: ActivityContext) =>
      isId(reference.id) ? context.loaders.postById.load(reference.id) : null,
  },
};
