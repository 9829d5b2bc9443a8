import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert } from '../../components/Alert';
import { Field } from '../../components/Field';
import { SubmitButton } from '../../components/SubmitButton';
import { SIGN_UP, type SignUpInput } from '../../graphql/auth';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

const EMPTY: SignUpInput = { email: '', password: '', handle: '', displayName: '' };

export function SignUpPage() {
  usePageTitle('Sign up');
  const navigate = useNavigate();
  const [input, setInput] = useState(EMPTY);
  const [signUp] = useMutation(SIGN_UP);
  const { error, pending, submit, fieldError } = useSubmit();
  const bind = (name: keyof SignUpInput) => ({
    name,
    value: input[name],
    error: fieldError(name),
    onChange: (event: { target: { value: string } }) =>
      setInput((current) => ({ ...current, [name]: event.target.value })),
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await submit(() => signUp({ variables: { input } }));
    if (result?.data) void navigate('/check-email', { state: { email: input.email } });
  }

  return (
    <section className="card narrow">
      <h1>Create your account</h1>
      <form onSubmit={onSubmit} noValidate>
        <Field label="Email" type="email" autoComplete="email" required {...bind('email')} />
        <Field
          label="Handle"
          autoComplete="username"
          autoCapitalize="none"
          required
          hint="3 to 30 characters: a-z, 0-9 and _. Your profile lives at /u/handle."
          {...bind('handle')}
        />
        <Field label="Display name" autoComplete="name" required {...bind('displayName')} />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          hint="At least 10 characters; common passwords are refused."
          {...bind('password')}
        />
        <Alert kind="error">{error?.message}</Alert>
        <SubmitButton pending={pending} busy="Creating your account…" block>
          Sign up
        </SubmitButton>
      </form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </section>
  );
}
