import { buildFederatedSchema } from '@social/kit/federation';
// The import order is the order of the SDL's fields (type-graphql registers in decorator order),
// and the committed SDL is compared byte for byte: keep it.
import { CommentFieldsResolver } from './comment/comment.fields.resolver';
import { CommentResolver } from './comment/comment.resolver';
import { PostResolver } from './post/post.resolver';
import { LikeResolver } from './like/like.resolver';
import { PostFieldsResolver } from './post/post.fields.resolver';
import { Post } from './post/post.entity';
import { postReference } from './post/post.reference';
import { FollowResolver } from './follow/follow.resolver';
import { UserFieldsResolver } from './user/user.fields.resolver';
import { userReference } from './user/user.reference';
import { UserRef } from './user/user.type';

export function buildActivitySchema() {
  return buildFederatedSchema(
    {
      resolvers: [
        UserFieldsResolver,
        FollowResolver,
        PostResolver,
        PostFieldsResolver,
        LikeResolver,
        CommentResolver,
        CommentFieldsResolver,
      ],
      orphanedTypes: [UserRef, Post],
    },
    { ...userReference, ...postReference },
  );
}
