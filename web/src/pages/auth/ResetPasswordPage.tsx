import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { session } from '../../auth/session';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { SubmitButton } from '../../components/SubmitButton';
import { RESET_PASSWORD } from '../../graphql/auth';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

export function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [reset] = useMutation(RESET_PASSWORD);
  const { error, pending, submit, fieldError } = useSubmit();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password !== repeat) return;
    const result = await submit(() => reset({ variables: { token, newPassword: password } }));
    if (!result?.data) return;
    // Resetting ends every session, this one included.
    session.signedOut('Your password is changed. Log in with the new one.');
    void navigate('/login', { replace: true });
  }

  if (!token || fieldError('token')) {
    return (
      <section className="card narrow">
        <h1>Choose a new password</h1>
        <Alert kind="error">This link is invalid, expired or already used.</Alert>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </section>
    );
  }

  return (
    <section className="card narrow">
      <h1>Choose a new password</h1>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters; common passwords are refused."
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={fieldError('newPassword')}
        />
        <Field
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
          error={mismatch ? 'does not match the new password' : undefined}
        />
        <Alert kind="error">{error?.message}</Alert>
        <SubmitButton pending={pending} busy="Saving…" block>
          Save the new password
        </SubmitButton>
      </form>
    </section>
  );
}
