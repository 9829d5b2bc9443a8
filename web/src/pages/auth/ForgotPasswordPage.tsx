import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { EmailField } from '../../components/EmailField';
import { SubmitButton } from '../../components/SubmitButton';
import { REQUEST_PASSWORD_RESET } from '../../graphql/auth';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

export function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [request] = useMutation(REQUEST_PASSWORD_RESET);
  const { error, pending, submit, fieldError } = useSubmit();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await submit(() => request({ variables: { email } }));
    if (result?.data) setSentTo(email);
  }

  return (
    <section className="card narrow">
      <h1>Forgot your password?</h1>
      {sentTo ? (
        <Alert kind="success">
          If an account exists for {sentTo}, we sent it a link to choose a new password.
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <p>Enter your email and we will send you a link to choose a new password.</p>
          <EmailField value={email} onChange={setEmail} error={fieldError('email')} />
          <Alert kind="error">{error?.message}</Alert>
          <SubmitButton pending={pending} busy="Sending…" block>
            Send the link
          </SubmitButton>
        </form>
      )}
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
