import { useMutation } from '@apollo/client/react';
import { useNavigate } from 'react-router-dom';
import { LOGOUT } from '../graphql/auth';
import { session } from './session';

/** Ends the session on the server (the refresh cookie dies), then forgets it here. */
export function useLogout() {
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(LOGOUT);
  async function run() {
    try {
      await logout();
    } catch {
      // Signed out locally either way; the server session ends at its idle expiry at the latest.
    }
    session.signedOut('You have logged out.');
    void navigate('/login', { replace: true });
  }
  return { logout: run, loading };
}
