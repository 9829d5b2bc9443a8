import type { ApolloCache, Reference } from '@apollo/client';
import type { Modifier, ModifierDetails } from '@apollo/client/cache';
import type { Comment, Post } from './types';

interface StoredEdge {
  cursor: string;
  node: Reference | { post?: Reference };
}

interface StoredConnection {
  edges: StoredEdge[];
  pageInfo: unknown;
}

interface EditDetails {
  toReference: (id: string) => Reference | undefined;
  readField: ModifierDetails['readField'];
}

/** A cache modifier for a relayStylePagination field (its stored value is `{ edges, pageInfo }`). */
function editConnection(
  edit: (existing: StoredConnection, details: EditDetails) => StoredConnection,
): Modifier<unknown> {
  return (existing, details) => {
    const stored = existing as StoredConnection | undefined;
    if (!stored?.edges) return existing;
    return edit(stored, {
      toReference: (id) => details.toReference(id),
      readField: details.readField,
    });
  };
}

/**
 * The feed is built from Kafka events, so the author's new post reaches their feed a moment
 * later; showing it at once, here, is what people expect after pressing Post.
 */
export function prependToFeed(cache: ApolloCache, post: Post): void {
  const postId = cache.identify({ __typename: 'Post', id: post.id });
  if (!postId) return;
  cache.modify({
    fields: {
      feed: editConnection((existing, { toReference }) => {
        const node = { __typename: 'FeedItem', addedAt: post.createdAt, post: toReference(postId) };
        return { ...existing, edges: [{ cursor: '', node } as StoredEdge, ...existing.edges] };
      }),
    },
  });
}

/** Takes a deleted post out of the feed, out of its author's profile, and out of the cache. */
export function removePost(cache: ApolloCache, post: Pick<Post, 'id' | 'author'>): void {
  const postId = cache.identify({ __typename: 'Post', id: post.id });
  const without = editConnection((existing, { readField }) => ({
    ...existing,
    edges: existing.edges.filter((edge) => {
      const target =
        '__ref' in edge.node ? edge.node : readField<Reference>('post', edge.node as Reference);
      return target?.__ref !== postId;
    }),
  }));
  cache.modify({ fields: { feed: without } });
  const authorId = cache.identify({ __typename: 'User', id: post.author.id });
  if (authorId) cache.modify({ id: authorId, fields: { posts: without } });
  if (postId) cache.evict({ id: postId });
  cache.gc();
}

/** Newest first, as the API lists them. */
export function prependComment(cache: ApolloCache, postId: string, comment: Comment): void {
  const commentId = cache.identify({ __typename: 'Comment', id: comment.id });
  const id = cache.identify({ __typename: 'Post', id: postId });
  if (!commentId || !id) return;
  cache.modify({
    id,
    fields: {
      comments: editConnection((existing, { toReference }) => {
        const node = toReference(commentId);
        if (!node || existing.edges.some((edge) => (edge.node as Reference).__ref === node.__ref))
          return existing;
        return { ...existing, edges: [{ cursor: '', node }, ...existing.edges] };
      }),
    },
  });
}
