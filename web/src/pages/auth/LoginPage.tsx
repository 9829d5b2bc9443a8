import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { session } from '../../auth/session';
import { useSession } from '../../auth/use-session';
import { Alert } from '../../components/Alert';
import { CurrentPasswordField } from '../../components/CurrentPasswordField';
import { EmailField } from '../../components/EmailField';
import { SubmitButton } from '../../components/SubmitButton';
import { LOGIN } from '../../graphql/auth';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';
import { ResendVerification } from './ResendVerification';

export function LoginPage() {
  usePageTitle('Log in');
  const { notice } = useSession();
  const [shownNotice] = useState(notice);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [login] = useMutation(LOGIN);
  const { error, pending, submit, fieldError } = useSubmit();

  // The notice (e.g. "session expired") is shown once, then forgotten.
  useEffect(() => session.clearNotice(), []);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await submit(() => login({ variables: { email, password } }));
    const payload = result?.data?.login;
    if (!payload) return;
    // GuestOnly then sends the person back to the page that asked them to log in.
    session.signedIn(payload.accessToken, payload.user);
  }

  return (
    <section className="card narrow">
      <h1>Log in</h1>
      <Alert kind="info">{shownNotice}</Alert>
      <form onSubmit={onSubmit} noValidate>
        <EmailField value={email} onChange={setEmail} error={fieldError('email')} />
        <CurrentPasswordField
          label="Password"
          value={password}
          onChange={setPassword}
          error={fieldError('password')}
        />
        <Alert kind="error">{error?.message}</Alert>
        {error?.code === 'EMAIL_NOT_VERIFIED' && <ResendVerification email={email} />}
        <SubmitButton pending={pending} busy="Logging in…" block>
          Log in
        </SubmitButton>
      </form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </section>
  );
}
