import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { prependComment } from '../../graphql/cache';
import { describeError, type ErrorView } from '../../graphql/errors';
import { ADD_COMMENT, COMMENTS } from '../../graphql/posts';
import { Alert } from '../Alert';
import { Avatar } from '../Avatar';
import { Field } from '../Field';
import { Loading } from '../Loading';
import { Time } from '../Time';

const PAGE = 10;

export function Comments({ postId, canComment }: { postId: string; canComment: boolean }) {
  const { data, loading, error, fetchMore } = useQuery(COMMENTS, {
    variables: { id: postId, first: PAGE },
  });
  const comments = data?.post?.comments;
  return (
    <section className="comments" aria-label="Comments">
      {canComment && <CommentForm postId={postId} />}
      {loading && !comments && <Loading label="Loading comments…" />}
      {error && <Alert kind="error">{describeError(error).message}</Alert>}
      {comments && comments.edges.length === 0 && <p className="muted">No comments yet.</p>}
      <ul className="comments__list">
        {comments?.edges.map(({ node }) => (
          <li key={node.id} className="comment">
            <Avatar user={node.author} size={28} />
            <div>
              <p className="comment__meta">
                <Link to={`/u/${node.author.handle}`}>{node.author.displayName}</Link> ·{' '}
                <Time value={node.createdAt} />
              </p>
              <p className="comment__body">{node.body}</p>
            </div>
          </li>
        ))}
      </ul>
      {comments?.pageInfo.hasNextPage && (
        <button
          type="button"
          className="button button--link"
          onClick={() => fetchMore({ variables: { after: comments.pageInfo.endCursor } })}
        >
          Older comments
        </button>
      )}
    </section>
  );
}

function CommentForm({ postId }: { postId: string }) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<ErrorView | null>(null);
  const [addComment, { loading }] = useMutation(ADD_COMMENT, {
    update: (cache, { data }) => data && prependComment(cache, postId, data.addComment),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await addComment({ variables: { postId, body } });
      setBody('');
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <form className="comment-form" onSubmit={submit}>
      <Field
        label="Write a comment"
        name="comment"
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={error?.fields.body}
        maxLength={1000}
      />
      <Alert kind="error">{error && !error.fields.body ? error.message : null}</Alert>
      <button type="submit" className="button" disabled={loading || body.trim() === ''}>
        {loading ? 'Sending…' : 'Comment'}
      </button>
    </form>
  );
}
