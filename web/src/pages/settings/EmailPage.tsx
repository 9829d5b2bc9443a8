import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert';
import { CurrentPasswordField } from '../../components/CurrentPasswordField';
import { EmailField } from '../../components/EmailField';
import { SubmitButton } from '../../components/SubmitButton';
import { REQUEST_EMAIL_CHANGE } from '../../graphql/account';
import { ME } from '../../graphql/users';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

/** The address the link went to, or false when the mail could not be sent. */
type Outcome = string | false | null;

/**
 * The address changes only when the link mailed to the new one is opened
 * (/confirm-email-change); until then the old address still logs in.
 */
export function EmailPage() {
  usePageTitle('Change email');
  const { data } = useQuery(ME, { fetchPolicy: 'cache-and-network' });
  const [newEmail, setNewEmail] = useState('');
  const [password, setPassword] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [request] = useMutation(REQUEST_EMAIL_CHANGE);
  const { error, pending, submit, fieldError } = useSubmit();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setOutcome(null);
    const result = await submit(() => request({ variables: { newEmail, password } }));
    if (!result?.data) return;
    setPassword('');
    setOutcome(result.data.requestEmailChange && newEmail.trim());
  }

  // EMAIL_TAKEN is a CONFLICT about the new address, whatever the sign-up form calls its field.
  const taken = error?.reason === 'EMAIL_TAKEN' ? 'belongs to another account' : undefined;
  return (
    <section className="card" aria-labelledby="settings-email">
      <h2 id="settings-email">Change your email address</h2>
      {data && <p className="muted">Your email address is {data.me.email}.</p>}
      <form onSubmit={onSubmit} noValidate>
        <EmailField
          label="New email address"
          name="newEmail"
          value={newEmail}
          onChange={setNewEmail}
          error={fieldError('newEmail') ?? taken}
        />
        <CurrentPasswordField
          value={password}
          onChange={setPassword}
          error={fieldError('password')}
        />
        <Alert kind="error">{error?.message}</Alert>
        <Alert kind="error">
          {outcome === false &&
            'We could not send the mail just now. Nothing has changed; please try again in a moment.'}
        </Alert>
        <Alert kind="success">
          {outcome &&
            `Check your new inbox: we sent a link to ${outcome}. Your address changes when you open it.`}
        </Alert>
        <SubmitButton pending={pending} busy="Sending…">
          Send the confirmation link
        </SubmitButton>
      </form>
    </section>
  );
}
