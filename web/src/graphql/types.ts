// Names for the result shapes the components pass around, all derived from the types generated
// from schema/api.graphql and the operations in this folder (`npm run compose`).
import type {
  AddCommentMutation,
  MySessionsQuery,
  NotificationsQuery,
  PostFieldsFragment,
  ProfileQuery,
  UserSummaryFragment,
} from './generated';

export type UserSummary = UserSummaryFragment;
export type Post = PostFieldsFragment;
export type Comment = Omit<AddCommentMutation['addComment'], 'post'>;
export type Profile = NonNullable<ProfileQuery['user']>;
export type Notification = NotificationsQuery['notifications']['edges'][number]['node'];
export type Session = MySessionsQuery['mySessions'][number];
