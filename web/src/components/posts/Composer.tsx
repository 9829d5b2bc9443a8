import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { prependToFeed } from '../../graphql/cache';
import { describeError, type ErrorView } from '../../graphql/errors';
import { CREATE_POST } from '../../graphql/posts';
import { Alert } from '../Alert';
import { Field } from '../Field';

const MAX = 1000;

export function Composer() {
  const [body, setBody] = useState('');
  const [error, setError] = useState<ErrorView | null>(null);
  const [createPost, { loading }] = useMutation(CREATE_POST, {
    update: (cache, { data }) => data && prependToFeed(cache, data.createPost),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await createPost({ variables: { body } });
      setBody('');
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  const left = MAX - [...body].length;
  return (
    <form className="card composer" onSubmit={submit} aria-label="Write a post">
      <Field
        multiline
        label="What's happening?"
        name="body"
        rows={3}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        error={error?.fields.body}
        hint={`${left} characters left`}
        maxLength={MAX * 2}
      />
      <Alert kind="error">{error && !error.fields.body ? error.message : null}</Alert>
      <div className="actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={loading || body.trim() === '' || left < 0}
        >
          {loading ? 'Posting…' : 'Post'}
        </button>
      </div>
    </form>
  );
}
