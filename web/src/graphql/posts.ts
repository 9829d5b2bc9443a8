// The operations are in posts.graphql; their typed documents are generated (`npm run compose`).
export {
  AddCommentDocument as ADD_COMMENT,
  CommentsDocument as COMMENTS,
  CreatePostDocument as CREATE_POST,
  DeletePostDocument as DELETE_POST,
  FeedDocument as FEED,
  LikePostDocument as LIKE_POST,
  UnlikePostDocument as UNLIKE_POST,
} from './generated';
