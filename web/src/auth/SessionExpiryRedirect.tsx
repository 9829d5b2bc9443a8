import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useSession } from './use-session';

/**
 * A refused refresh ends the session wherever the person is, public pages included: they
 * see the login page with the reason, and come back here after logging in.
 */
export function SessionExpiryRedirect() {
  const { expired } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useEffect(() => {
    if (!expired || location.pathname === '/login') return;
    void navigate('/login', {
      replace: true,
      state: { from: location.pathname + location.search },
    });
  }, [expired, location.pathname, location.search, navigate]);
  return null;
}
