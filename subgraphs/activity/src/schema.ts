import { buildFederatedSchema } from '@social/kit';
import { CommentFieldsResolver } from './comment/comment-fields.resolver';
import { CommentResolver } from './comment/comment.resolver';
import { LikeResolver } from './like/like.resolver';
import { PostFieldsResolver } from './post/post-fields.resolver';
import { Post } from './post/post.entity';
import { postReference } from './post/post.reference';
import { PostResolver } from './post/post.resolver';
import { FollowResolver } from './user/follow.resolver';
import { UserFieldsResolver } from './user/user.resolver';
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
