/**
 * Activity holds no profile rows: a `User` reference is just its id, and every field here
 * is computed from the follow graph and posts.
 */
export const userReference = {
  User: {
    __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
  },
};
