import { gql, type TypedDocumentNode } from '@apollo/client';
import { POST_FIELDS, USER_SUMMARY } from './fragments';
import type { Comment, Connection, FeedItem, PageVars, Post } from './types';

export const FEED: TypedDocumentNode<{ feed: Connection<FeedItem> }, PageVars> = gql`
  query Feed($first: Int, $after: String) {
    feed(first: $first, after: $after) {
      edges {
        cursor
        node {
          addedAt
          post {
            ...PostFields
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
  ${POST_FIELDS}
`;

export const CREATE_POST: TypedDocumentNode<{ createPost: Post }, { body: string }> = gql`
  mutation CreatePost($body: String!) {
    createPost(body: $body) {
      ...PostFields
    }
  }
  ${POST_FIELDS}
`;

export const DELETE_POST: TypedDocumentNode<{ deletePost: boolean }, { id: string }> = gql`
  mutation DeletePost($id: ID!) {
    deletePost(id: $id)
  }
`;

type LikeResult = Pick<Post, 'id' | 'likeCount' | 'viewerHasLiked'>;

export const LIKE_POST: TypedDocumentNode<{ likePost: LikeResult }, { postId: string }> = gql`
  mutation LikePost($postId: ID!) {
    likePost(postId: $postId) {
      id
      likeCount
      viewerHasLiked
    }
  }
`;

export const UNLIKE_POST: TypedDocumentNode<{ unlikePost: LikeResult }, { postId: string }> = gql`
  mutation UnlikePost($postId: ID!) {
    unlikePost(postId: $postId) {
      id
      likeCount
      viewerHasLiked
    }
  }
`;

export const COMMENTS: TypedDocumentNode<
  { post: { id: string; commentCount: number; comments: Connection<Comment> } | null },
  { id: string } & PageVars
> = gql`
  query Comments($id: ID!, $first: Int, $after: String) {
    post(id: $id) {
      id
      commentCount
      comments(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            body
            createdAt
            author {
              ...UserSummary
            }
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
`;

export const ADD_COMMENT: TypedDocumentNode<
  { addComment: Comment & { post: { id: string; commentCount: number } } },
  { postId: string; body: string }
> = gql`
  mutation AddComment($postId: ID!, $body: String!) {
    addComment(postId: $postId, body: $body) {
      id
      body
      createdAt
      author {
        ...UserSummary
      }
      post {
        id
        commentCount
      }
    }
  }
  ${USER_SUMMARY}
`;
