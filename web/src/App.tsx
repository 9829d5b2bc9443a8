import { Navigate, Route, Routes } from 'react-router-dom';
import { GuestOnly, RequireAuth } from './auth/guards';
import { Layout } from './components/Layout';
import { FeedPage } from './pages/FeedPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { ProfilePage } from './pages/ProfilePage';
import { SearchPage } from './pages/SearchPage';
import { ConfirmEmailChangePage } from './pages/auth/ConfirmEmailChangePage';
import { CheckEmailPage } from './pages/auth/CheckEmailPage';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { LoginPage } from './pages/auth/LoginPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { VerifyEmailPage } from './pages/auth/VerifyEmailPage';
import { DeleteAccountPage } from './pages/settings/DeleteAccountPage';
import { EditProfilePage } from './pages/settings/EditProfilePage';
import { EmailPage } from './pages/settings/EmailPage';
import { SessionsPage } from './pages/settings/SessionsPage';
import { SettingsLayout } from './pages/settings/SettingsNav';

const guarded = (page: React.ReactNode) => <RequireAuth>{page}</RequireAuth>;
const guests = (page: React.ReactNode) => <GuestOnly>{page}</GuestOnly>;

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={guarded(<FeedPage />)} />
        <Route path="notifications" element={guarded(<NotificationsPage />)} />
        <Route path="settings" element={guarded(<SettingsLayout />)}>
          <Route index element={<Navigate to="profile" replace />} />
          <Route path="profile" element={<EditProfilePage />} />
          <Route path="sessions" element={<SessionsPage />} />
          <Route path="email" element={<EmailPage />} />
          <Route path="delete-account" element={<DeleteAccountPage />} />
        </Route>
        <Route path="u/:handle" element={<ProfilePage />} />
        <Route path="search" element={<SearchPage />} />
        <Route path="login" element={guests(<LoginPage />)} />
        <Route path="signup" element={guests(<SignUpPage />)} />
        <Route path="check-email" element={<CheckEmailPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="confirm-email-change" element={<ConfirmEmailChangePage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
