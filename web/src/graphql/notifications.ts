import { gql, type TypedDocumentNode } from '@apollo/client';
import { USER_SUMMARY } from './fragments';
import type { Connection, Notification, PageVars } from './types';

export const NOTIFICATIONS: TypedDocumentNode<{ notifications: Connection<Notification> }, PageVars> = gql`
  query Notifications($first: Int, $after: String) {
    notifications(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          kind
          createdAt
          read
          actor {
            ...UserSummary
          }
          post {
            id
            body
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${USER_SUMMARY}
`;

export const UNREAD_COUNT: TypedDocumentNode<{ unreadNotificationCount: number }, Record<string, never>> = gql`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`;

export const MARK_READ: TypedDocumentNode<{ markNotificationsRead: number }, Record<string, never>> = gql`
  mutation MarkNotificationsRead {
    markNotificationsRead
  }
`;
