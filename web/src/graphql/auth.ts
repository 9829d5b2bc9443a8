import { gql, type TypedDocumentNode } from '@apollo/client';
import type { Viewer } from '../auth/session';
import { USER_SUMMARY } from './fragments';

export const LOGIN: TypedDocumentNode<
  { login: { accessToken: string; user: Viewer } },
  { email: string; password: string }
> = gql`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      user {
        ...UserSummary
      }
    }
  }
  ${USER_SUMMARY}
`;

export const LOGOUT: TypedDocumentNode<{ logout: boolean }, Record<string, never>> = gql`
  mutation Logout {
    logout
  }
`;

export interface SignUpInput {
  email: string;
  password: string;
  handle: string;
  displayName: string;
}

export const SIGN_UP: TypedDocumentNode<
  { signUp: { verificationEmailSent: boolean; user: { id: string; handle: string } } },
  { input: SignUpInput }
> = gql`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      verificationEmailSent
      user {
        id
        handle
      }
    }
  }
`;

export const VERIFY_EMAIL: TypedDocumentNode<{ verifyEmail: { email: string; emailVerified: boolean } }, { token: string }> =
  gql`
    mutation VerifyEmail($token: String!) {
      verifyEmail(token: $token) {
        email
        emailVerified
      }
    }
  `;

export const RESEND_VERIFICATION: TypedDocumentNode<{ resendVerificationEmail: boolean }, { email: string }> = gql`
  mutation ResendVerification($email: String!) {
    resendVerificationEmail(email: $email)
  }
`;

export const REQUEST_PASSWORD_RESET: TypedDocumentNode<{ requestPasswordReset: boolean }, { email: string }> = gql`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`;

export const RESET_PASSWORD: TypedDocumentNode<{ resetPassword: boolean }, { token: string; newPassword: string }> = gql`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword)
  }
`;
