import { useMutation } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { useSession } from '../../auth/use-session';
import { Alert } from '../../components/Alert';
import { MailedLinkPage } from '../../components/MailedLinkPage';
import { CONFIRM_EMAIL_CHANGE } from '../../graphql/account';

/**
 * The link requestEmailChange mails to the new address (members' `confirm-email-change`
 * route). It works signed out too, the token being the proof; signed in, the cached Me takes
 * the new address from the answer.
 */
export function ConfirmEmailChangePage() {
  const { status } = useSession();
  const [confirmChange] = useMutation(CONFIRM_EMAIL_CHANGE);
  return (
    <MailedLinkPage
      title="Confirm your new email"
      use={async (token) =>
        (await confirmChange({ variables: { token } })).data?.confirmEmailChange.email
      }
      prompt="One more step: confirm that this address is to be your account's from now on."
      action="Confirm my new email address"
      busy="Confirming…"
      done={(email) => (
        <>
          <Alert kind="success">Done: your email address is now {email}.</Alert>
          <p>
            {status === 'authenticated' ? (
              <Link to="/settings/email">Back to your settings</Link>
            ) : (
              <Link to="/login">Log in with it</Link>
            )}
          </p>
        </>
      )}
      renew={<Link to="/settings/email">Ask for a new link</Link>}
      explain={(error) =>
        error.reason === 'EMAIL_TAKEN'
          ? 'Another account has taken this address in the meantime. Please choose another one.'
          : undefined
      }
    />
  );
}
