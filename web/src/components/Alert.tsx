import type { ReactNode } from 'react';

/** Errors interrupt (role=alert); confirmations wait their turn (role=status). */
export function Alert({
  kind,
  children,
}: {
  kind: 'error' | 'info' | 'success';
  children: ReactNode;
}) {
  if (!children) return null;
  return (
    <div className={`alert alert--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
