import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ErrorView } from '../graphql/errors';
import { usePageTitle } from '../hooks/use-page-title';
import { useSubmit } from '../hooks/use-submit';
import { Alert } from './Alert';

interface Props<T> {
  title: string;
  /** Spends the link's `?token=`; resolves to what `done` shows. */
  use: (token: string) => Promise<T | undefined>;
  prompt: ReactNode;
  action: string;
  busy: string;
  done: (value: T) => ReactNode;
  /** Where to get a new link when this one is invalid, expired or used. */
  renew: ReactNode;
  /** Words of the page's own for a refusal, instead of the generic ones. */
  explain?: (error: ErrorView) => string | undefined;
}

/**
 * The page of a mailed single-use link. It asks for a click before using the token: mail
 * scanners that open every link would otherwise spend it before the person gets here.
 */
export function MailedLinkPage<T>({
  title,
  use,
  prompt,
  action,
  busy,
  done,
  renew,
  explain,
}: Props<T>) {
  usePageTitle(title);
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [result, setResult] = useState<{ value: T } | null>(null);
  const { error, pending, submit } = useSubmit();

  async function confirm() {
    const value = await submit(() => use(token));
    if (value !== undefined) setResult({ value });
  }

  const tokenProblem = error?.fields.token || !token;
  return (
    <section className="card narrow">
      <h1>{title}</h1>
      {result ? (
        done(result.value)
      ) : tokenProblem ? (
        <>
          <Alert kind="error">This link is invalid, expired or already used.</Alert>
          <p>{renew}</p>
        </>
      ) : (
        <>
          <p>{prompt}</p>
          <Alert kind="error">{error && (explain?.(error) ?? error.message)}</Alert>
          <button
            type="button"
            className="button button--primary button--block"
            onClick={confirm}
            disabled={pending}
          >
            {pending ? busy : action}
          </button>
        </>
      )}
    </section>
  );
}
