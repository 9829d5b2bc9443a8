import { gql } from '@apollo/client';

export const USER_SUMMARY = gql`
  fragment UserSummary on User {
    id
    handle
    displayName
    avatarUrl
  }
`;

export const POST_FIELDS = gql`
  fragment PostFields on Post {
    id
    deleted
    body
    createdAt
    editedAt
    likeCount
    viewerHasLiked
    commentCount
    author {
      ...UserSummary
    }
  }
  ${USER_SUMMARY}
`;
