import { NavLink, Outlet } from 'react-router-dom';

const TABS: Array<[path: string, label: string]> = [
  ['/settings/profile', 'Profile'],
  ['/settings/sessions', 'Sessions'],
  ['/settings/email', 'Email'],
  ['/settings/delete-account', 'Delete account'],
];

/** Links, not ARIA tabs: each tab is a page of its own, with its own address and history entry. */
export function SettingsNav() {
  return (
    <nav aria-label="Settings" className="settings-nav">
      <ul>
        {TABS.map(([path, label]) => (
          <li key={path}>
            <NavLink to={path}>{label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The frame of every /settings/* page: the heading and the tabs above the chosen one. */
export function SettingsLayout() {
  return (
    <>
      <h1>Settings</h1>
      <SettingsNav />
      <Outlet />
    </>
  );
}
