import { gql, type TypedDocumentNode } from '@apollo/client';
import { POST_FIELDS, USER_SUMMARY } from './fragments';
import type { PageVars, Profile, UserSummary } from './types';

export const PROFILE: TypedDocumentNode<{ user: Profile | null }, { handle: string } & PageVars> = gql`
  query Profile($handle: String!, $first: Int, $after: String) {
    user(handle: $handle) {
      ...UserSummary
      greeting
      followerCount
      followingCount
      viewerFollows
      posts(first: $first, after: $after) {
        edges {
          cursor
          node {
            ...PostFields
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
  ${USER_SUMMARY}
  ${POST_FIELDS}
`;

type FollowResult = Pick<Profile, 'id' | 'followerCount' | 'viewerFollows'>;

export const FOLLOW: TypedDocumentNode<{ follow: FollowResult }, { userId: string }> = gql`
  mutation Follow($userId: ID!) {
    follow(userId: $userId) {
      id
      followerCount
      viewerFollows
    }
  }
`;

export const UNFOLLOW: TypedDocumentNode<{ unfollow: FollowResult }, { userId: string }> = gql`
  mutation Unfollow($userId: ID!) {
    unfollow(userId: $userId) {
      id
      followerCount
      viewerFollows
    }
  }
`;

export interface MeData {
  me: { email: string; emailVerified: boolean; user: UserSummary & { greeting: string } };
}

export const ME: TypedDocumentNode<MeData, Record<string, never>> = gql`
  query Me {
    me {
      email
      emailVerified
      user {
        ...UserSummary
        greeting
      }
    }
  }
  ${USER_SUMMARY}
`;

export interface UpdateProfileInput {
  displayName?: string;
  greeting?: string;
  avatarUrl?: string | null;
}

export const UPDATE_PROFILE: TypedDocumentNode<
  { updateProfile: UserSummary & { greeting: string } },
  { input: UpdateProfileInput }
> = gql`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      ...UserSummary
      greeting
    }
  }
  ${USER_SUMMARY}
`;
