import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { session } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { CurrentPasswordField } from '../../components/CurrentPasswordField';
import { DELETE_ACCOUNT } from '../../graphql/account';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

/**
 * Two steps on purpose: the first button only asks "are you sure", the second one deletes.
 * The password is the server's check (a stolen access token alone deletes nothing); the
 * two steps are the person's own, against a slip of the finger.
 */
export function DeleteAccountPage() {
  usePageTitle('Delete account');
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [deleteAccount] = useMutation(DELETE_ACCOUNT);
  const { error, pending, submit, fieldError } = useSubmit();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setConfirming(true);
  }

  async function confirmDeletion() {
    const result = await submit(() => deleteAccount({ variables: { password } }));
    setConfirming(false);
    if (!result?.data?.deleteAccount) return;
    // Every session of the account ended with it, this one included.
    session.signedOut('Your account is deleted. Goodbye!');
    void navigate('/login', { replace: true });
  }

  return (
    <section className="card danger-zone" aria-labelledby="settings-delete">
      <h2 id="settings-delete">Delete your account</h2>
      <p>
        Your profile, posts, comments, likes and follows are removed for good, and you are logged
        out everywhere. Others may then take your handle and your email address.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <CurrentPasswordField
          value={password}
          onChange={(value) => {
            setPassword(value);
            setConfirming(false);
          }}
          error={fieldError('password')}
        />
        <Alert kind="error">{error?.message}</Alert>
        {confirming ? (
          <div className="confirm" role="group" aria-label="Confirm deletion">
            <strong>This cannot be undone.</strong>
            <button
              type="button"
              className="button button--danger"
              onClick={() => void confirmDeletion()}
              disabled={pending}
            >
              {pending ? 'Deleting…' : 'Yes, delete my account'}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => setConfirming(false)}
              disabled={pending}
            >
              Cancel
            </button>
          </div>
        ) : (
          <button type="submit" className="button button--danger">
            Delete my account
          </button>
        )}
      </form>
    </section>
  );
}
