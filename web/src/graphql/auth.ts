// The operations are in auth.graphql; their typed documents are generated (`npm run compose`).
export {
  LoginDocument as LOGIN,
  LogoutDocument as LOGOUT,
  RefreshSessionDocument as REFRESH_SESSION,
  RequestPasswordResetDocument as REQUEST_PASSWORD_RESET,
  ResendVerificationDocument as RESEND_VERIFICATION,
  ResetPasswordDocument as RESET_PASSWORD,
  SignUpDocument as SIGN_UP,
  VerifyEmailDocument as VERIFY_EMAIL,
  type RefreshSessionMutation,
  type SignUpInput,
} from './generated';
