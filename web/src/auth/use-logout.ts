import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LOGOUT } from '../graphql/auth';
import { describeError } from '../graphql/errors';
import { session } from './session';

/**
 * Ends the session on the server (the refresh cookie dies), then forgets it here. A logout
 * the server could not carry out (SERVICE_UNAVAILABLE, network) leaves the person signed in
 * with the reason: never "logged out" here while the session lives on the server.
 */
export function useLogout() {
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(LOGOUT);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setError(null);
    try {
      await logout();
    } catch (failure) {
      setError(`You are still logged in: ${describeError(failure).message}`);
      return;
    }
    session.signedOut('You have logged out.');
    void navigate('/login', { replace: true });
  }
  return { logout: run, loading, error };
}
