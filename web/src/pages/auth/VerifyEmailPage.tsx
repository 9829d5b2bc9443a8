import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../auth/use-session';
import { Alert } from '../../components/Alert';
import { VERIFY_EMAIL } from '../../graphql/auth';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

/**
 * Asks for a click before using the token: mail scanners that open every link would
 * otherwise spend the single-use token before the person gets here.
 */
export function VerifyEmailPage() {
  usePageTitle('Verify your email');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const { status } = useSession();
  const [verify] = useMutation(VERIFY_EMAIL);
  const [verified, setVerified] = useState<string | null>(null);
  const { error, pending, submit } = useSubmit();

  async function confirm() {
    const result = await submit(() => verify({ variables: { token } }));
    if (result?.data) setVerified(result.data.verifyEmail.email);
  }

  const tokenProblem = error?.fields.token || !token;
  return (
    <section className="card narrow">
      <h1>Verify your email</h1>
      {verified ? (
        <>
          <Alert kind="success">Thank you: {verified} is verified.</Alert>
          <p>
            {status === 'authenticated' ? (
              <Link to="/">Go to your feed</Link>
            ) : (
              <Link to="/login">Log in</Link>
            )}
          </p>
        </>
      ) : tokenProblem ? (
        <>
          <Alert kind="error">This link is invalid, expired or already used.</Alert>
          <p>
            <Link to="/check-email">Send a new verification link</Link>
          </p>
        </>
      ) : (
        <>
          <p>One more step: confirm that this email address is yours.</p>
          <Alert kind="error">{error?.message}</Alert>
          <button
            type="button"
            className="button button--primary button--block"
            onClick={confirm}
            disabled={pending}
          >
            {pending ? 'Verifying…' : 'Confirm my email address'}
          </button>
        </>
      )}
    </section>
  );
}
