import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/use-session';
import { Alert } from '../../components/Alert';
import { MailedLinkPage } from '../../components/MailedLinkPage';
import { VERIFY_EMAIL } from '../../graphql/auth';

export function VerifyEmailPage() {
  const { status } = useSession();
  const [verify] = useMutation(VERIFY_EMAIL);
  return (
    <MailedLinkPage
      title="Verify your email"
      use={async (token) => (await verify({ variables: { token } })).data?.verifyEmail.email}
      prompt="One more step: confirm that this email address is yours."
      action="Confirm my email address"
      busy="Verifying…"
      done={(email) => (
        <>
          <Alert kind="success">Thank you: {email} is verified.</Alert>
          <p>
            {status === 'authenticated' ? (
              <Link to="/">Go to your feed</Link>
            ) : (
              <Link to="/login">Log in</Link>
            )}
          </p>
        </>
      )}
      renew={<Link to="/check-email">Send a new verification link</Link>}
    />
  );
}
