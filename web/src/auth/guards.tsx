import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Loading } from '../components/Loading';
import { useSession } from './use-session';

/** Pages for signed-in people: others go to the login page, which brings them back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const location = useLocation();
  if (status === 'restoring') return <Loading label="Restoring your session…" />;
  if (status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

/** Log in and sign up make no sense while signed in. */
export function GuestOnly({ children }: { children: ReactNode }) {
  const { status } = useSession();
  if (status === 'restoring') return <Loading label="Restoring your session…" />;
  if (status === 'authenticated') return <Navigate to="/" replace />;
  return children;
}
