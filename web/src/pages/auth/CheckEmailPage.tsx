import { useState } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { Field } from '../../components/Field';
import { usePageTitle } from '../../hooks/use-page-title';
import { ResendVerification } from './ResendVerification';

export function CheckEmailPage() {
  usePageTitle('Check your email');
  const location = useLocation();
  const [email, setEmail] = useState((location.state as { email?: string } | null)?.email ?? '');
  return (
    <section className="card narrow">
      <h1>Check your email</h1>
      <p>
        We sent a link to {email ? <strong>{email}</strong> : 'your address'}. Open it to verify
        your email, then log in.
      </p>
      <p className="muted">
        Nothing arrived after a few minutes? Check your spam folder, or send it again:
      </p>
      <Field
        label="Email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
      />
      <ResendVerification email={email} />
      <p>
        <Link to="/login">Back to log in</Link>
      </p>
    </section>
  );
}
