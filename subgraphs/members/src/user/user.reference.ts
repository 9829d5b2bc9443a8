import type { MembersContext } from '../context';

/** Resolves `User` representations from other subgraphs, batched per request. */
export const userReference = {
  User: {
    __resolveReference: (reference: { id: string }, context: MembersContext) =>
      context.loaders.userById.load(reference.id),
  },
};
