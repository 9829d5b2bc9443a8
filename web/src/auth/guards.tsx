import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { useSession } from './use-session';

/** Pages for signed-in people: others go to the login page, which brings them back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <Loading label="Restoring your session…" />;
  if (status === 'anonymous')
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/**
 * Log in and sign up make no sense while signed in: once signed in (e.g. by this very page),
 * the person goes back to where RequireAuth found them, or home.
 */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <Loading label="Restoring your session…" />;
  if (status === 'authenticated') return <Navigate to={returnPath(location.state)} replace />;
  return children;
}

function returnPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  // Only a path of this app: never an absolute URL smuggled into history state.
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : '/';
}
