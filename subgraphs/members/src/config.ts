import type { MembersEnv } from './env';

/** What the service needs from the environment, in seconds unless named otherwise. */
export interface MembersConfig {
  publicUrl: string;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  refreshAbsoluteTtl: number;
  refreshReuseGrace: number;
  authRatePerAddress: number;
  loginMaxFailures: number;
  emailVerificationTtl: number;
  passwordResetTtl: number;
  /** The refresh cookie is Secure everywhere except plain-http development and tests. */
  secureCookies: boolean;
}

export function configFromEnv(env: MembersEnv): MembersConfig {
  return {
    publicUrl: env.PUBLIC_URL.replace(/\/+$/, ''),
    accessTokenTtl: env.ACCESS_TOKEN_TTL,
    refreshTokenTtl: env.REFRESH_TOKEN_TTL,
    refreshAbsoluteTtl: env.REFRESH_TOKEN_ABSOLUTE_TTL,
    refreshReuseGrace: env.REFRESH_REUSE_GRACE,
    authRatePerAddress: env.AUTH_RATE_PER_ADDRESS,
    loginMaxFailures: env.LOGIN_MAX_FAILURES,
    emailVerificationTtl: env.EMAIL_VERIFICATION_TTL,
    passwordResetTtl: env.PASSWORD_RESET_TTL,
    secureCookies: env.NODE_ENV === 'production',
  };
}

/** Revocation entries outlive the longest access token of the session, plus clock skew. */
export function revocationTtl(config: MembersConfig): number {
  return config.accessTokenTtl + 60;
}
