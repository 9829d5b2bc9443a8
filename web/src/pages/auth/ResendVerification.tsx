import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Alert } from '../../components/Alert';
import { RESEND_VERIFICATION } from '../../graphql/auth';
import { useSubmit } from '../../hooks/use-submit';

export function ResendVerification({ email }: { email: string }) {
  const [resend] = useMutation(RESEND_VERIFICATION);
  const [sent, setSent] = useState(false);
  const { error, pending, submit } = useSubmit();
  async function onClick() {
    const result = await submit(() => resend({ variables: { email } }));
    if (result) setSent(true);
  }
  return (
    <div className="resend">
      <button type="button" className="button" onClick={onClick} disabled={pending || !email}>
        {pending ? 'Sending…' : 'Send the verification link again'}
      </button>
      <Alert kind="success">
        {sent ? `If ${email} has an account waiting, a new link is on its way.` : null}
      </Alert>
      <Alert kind="error">{error?.message}</Alert>
    </div>
  );
}
