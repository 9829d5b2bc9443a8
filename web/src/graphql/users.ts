// The operations are in users.graphql; their typed documents are generated (`npm run compose`).
export {
  FollowDocument as FOLLOW,
  MeDocument as ME,
  ProfileDocument as PROFILE,
  UnfollowDocument as UNFOLLOW,
  UpdateProfileDocument as UPDATE_PROFILE,
  type MeQuery as MeData,
} from './generated';
