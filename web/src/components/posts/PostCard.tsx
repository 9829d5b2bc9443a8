import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/use-session';
import { removePost } from '../../graphql/cache';
import { describeError } from '../../graphql/errors';
import { DELETE_POST, LIKE_POST, UNLIKE_POST } from '../../graphql/posts';
import type { Post } from '../../graphql/types';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Time } from '../Time';
import { Comments } from './Comments';

export function PostCard({ post }: { post: Post }) {
  const { viewer } = useSession();
  const [showComments, setShowComments] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [like, liking] = useMutation(LIKE_POST);
  const [unlike, unliking] = useMutation(UNLIKE_POST);
  const [deletePost, deleting] = useMutation(DELETE_POST, {
    update: (cache, { data }) => data?.deletePost && removePost(cache, post),
  });
  const own = viewer?.id === post.author.id;
  const commentsId = `comments-${post.id}`;

  async function run(action: () => Promise<unknown>) {
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(describeError(caught).message);
    }
  }

  const variables = { postId: post.id };
  const toggleLike = () =>
    run(() => (post.viewerHasLiked ? unlike({ variables }) : like({ variables })));

  return (
    <article className="card post" aria-labelledby={`post-${post.id}-author`}>
      <header className="post__header">
        <Avatar user={post.author} />
        <div>
          <Link
            id={`post-${post.id}-author`}
            className="post__author"
            to={`/u/${post.author.handle}`}
          >
            {post.author.displayName}
          </Link>
          <p className="muted">
            @{post.author.handle} · <Time value={post.createdAt} />
            {post.editedAt && ' · edited'}
          </p>
        </div>
      </header>
      <p className="post__body">{post.body}</p>
      <div className="post__actions">
        <button
          type="button"
          className="button button--small"
          aria-pressed={post.viewerHasLiked}
          disabled={!viewer || liking.loading || unliking.loading}
          onClick={toggleLike}
        >
          {post.viewerHasLiked ? 'Unlike' : 'Like'} · {post.likeCount}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-expanded={showComments}
          aria-controls={commentsId}
          onClick={() => setShowComments((shown) => !shown)}
        >
          Comments · {post.commentCount}
        </button>
        {own && !confirming && (
          <button
            type="button"
            className="button button--small button--danger"
            onClick={() => setConfirming(true)}
          >
            Delete
          </button>
        )}
        {own && confirming && (
          <span className="confirm" role="group" aria-label="Confirm deletion">
            Delete this post?
            <button
              type="button"
              className="button button--small button--danger"
              disabled={deleting.loading}
              onClick={() => run(() => deletePost({ variables: { id: post.id } }))}
            >
              Yes, delete
            </button>
            <button
              type="button"
              className="button button--small"
              onClick={() => setConfirming(false)}
            >
              Cancel
            </button>
          </span>
        )}
      </div>
      <Alert kind="error">{error}</Alert>
      <div id={commentsId}>
        {showComments && <Comments postId={post.id} canComment={Boolean(viewer)} />}
      </div>
    </article>
  );
}
