import { useState } from 'react';
import { describeError, type ErrorView } from '../graphql/errors';

/** Runs a form's action, keeping its pending state and its error in words for people. */
export function useSubmit() {
  const [error, setError] = useState<ErrorView | null>(null);
  const [pending, setPending] = useState(false);
  async function submit<T>(action: () => Promise<T>): Promise<T | undefined> {
    setError(null);
    setPending(true);
    try {
      return await action();
    } catch (caught) {
      setError(describeError(caught));
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { error, pending, submit, fieldError: (name: string) => error?.fields[name] };
}
