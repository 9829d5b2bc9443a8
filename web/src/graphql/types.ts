// Result shapes of the operations in this folder (the API is described in shared/API.graphql).

export interface UserSummary {
  __typename?: 'User';
  id: string;
  handle: string;
  displayName: string;
  avatarUrl: string;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

export interface Post {
  __typename?: 'Post';
  id: string;
  /** A post deleted after the feed listed it: skipped, never shown. */
  deleted: boolean;
  body: string;
  createdAt: string;
  editedAt: string | null;
  likeCount: number;
  viewerHasLiked: boolean;
  commentCount: number;
  author: UserSummary;
}

export interface Comment {
  id: string;
  body: string;
  createdAt: string;
  author: UserSummary;
}

export interface FeedItem {
  addedAt: string;
  post: Post;
}

export interface Profile extends UserSummary {
  greeting: string;
  followerCount: number;
  followingCount: number;
  viewerFollows: boolean;
  posts: Connection<Post>;
}

export type NotificationKind = 'FOLLOWED' | 'POST_LIKED' | 'POST_COMMENTED';

export interface Notification {
  id: string;
  kind: NotificationKind;
  actor: UserSummary;
  post: Pick<Post, 'id' | 'body'> | null;
  createdAt: string;
  read: boolean;
}

export interface PageVars {
  first?: number;
  after?: string | null;
}
