import type { ReactNode } from 'react';

interface Props {
  pending: boolean;
  /** What the button says while the request runs, e.g. "Saving…". */
  busy: string;
  /** Full width, as on the narrow account forms. */
  block?: boolean;
  children: ReactNode;
}

/** A form's primary submit button: disabled while its request runs, saying so. */
export function SubmitButton({ pending, busy, block = false, children }: Props) {
  const className = `button button--primary${block ? ' button--block' : ''}`;
  return (
    <button type="submit" className={className} disabled={pending}>
      {pending ? busy : children}
    </button>
  );
}
