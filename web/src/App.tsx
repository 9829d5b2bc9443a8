import { Route, Routes } from 'react-router-dom';
import { GuestOnly, RequireAuth } from './auth/guards';
import { Layout } from './components/Layout';
import { EditProfilePage } from './pages/EditProfilePage';
import { FeedPage } from './pages/FeedPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { NotificationsPage } from './pages/NotificationsPage';
import { ProfilePage } from './pages/ProfilePage';
import { CheckEmailPage } from './pages/auth/CheckEmailPage';
import { ForgotPasswordPage } from './pages/auth/ForgotPasswordPage';
import { LoginPage } from './pages/auth/LoginPage';
import { ResetPasswordPage } from './pages/auth/ResetPasswordPage';
import { SignUpPage } from './pages/auth/SignUpPage';
import { VerifyEmailPage } from './pages/auth/VerifyEmailPage';

const guarded = (page: React.ReactNode) => <RequireAuth>{page}</RequireAuth>;
const guests = (page: React.ReactNode) => <GuestOnly>{page}</GuestOnly>;

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={guarded(<FeedPage />)} />
        <Route path="notifications" element={guarded(<NotificationsPage />)} />
        <Route path="settings/profile" element={guarded(<EditProfilePage />)} />
        <Route path="u/:handle" element={<ProfilePage />} />
        <Route path="login" element={guests(<LoginPage />)} />
        <Route path="signup" element={guests(<SignUpPage />)} />
        <Route path="check-email" element={<CheckEmailPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
