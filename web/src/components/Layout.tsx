import { useQuery } from '@apollo/client/react';
import { NavLink, Outlet } from 'react-router-dom';
import { SessionExpiryRedirect } from '../auth/SessionExpiryRedirect';
import { Alert } from './Alert';
import { SearchBox } from './SearchBox';
import { useLogout } from '../auth/use-logout';
import { useSession } from '../auth/use-session';
import { UNREAD_COUNT } from '../graphql/notifications';

const UNREAD_POLL_MS = 20_000;

function UnreadBadge() {
  const { data } = useQuery(UNREAD_COUNT, {
    pollInterval: UNREAD_POLL_MS,
    fetchPolicy: 'cache-and-network',
  });
  const count = data?.unreadNotificationCount ?? 0;
  if (count === 0) return null;
  return (
    <span className="badge" data-testid="unread-count">
      {count}
      <span className="visually-hidden"> unread</span>
    </span>
  );
}

export function Layout() {
  const { status, viewer } = useSession();
  const { logout, loading, error: logoutError } = useLogout();
  return (
    <>
      <SessionExpiryRedirect />
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Social
        </NavLink>
        <SearchBox />
        <nav aria-label="Main">
          {status === 'authenticated' && viewer ? (
            <ul>
              <li>
                <NavLink to="/" end>
                  Home
                </NavLink>
              </li>
              <li>
                <NavLink to="/notifications">
                  Notifications <UnreadBadge />
                </NavLink>
              </li>
              <li>
                <NavLink to={`/u/${viewer.handle}`}>Profile</NavLink>
              </li>
              <li>
                <NavLink to="/settings">Settings</NavLink>
              </li>
              <li>
                <button
                  type="button"
                  className="button button--link"
                  onClick={logout}
                  disabled={loading}
                >
                  Log out
                </button>
              </li>
            </ul>
          ) : (
            <ul>
              <li>
                <NavLink to="/login">Log in</NavLink>
              </li>
              <li>
                <NavLink to="/signup">Sign up</NavLink>
              </li>
            </ul>
          )}
        </nav>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Alert kind="error">{logoutError}</Alert>
        <Outlet />
      </main>
    </>
  );
}
