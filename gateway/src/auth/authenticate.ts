import type { RequestAuth, TokenFailure } from '@social/kit';

/** What the gateway knows of the caller: kit's shared token check, with cached revocations. */
export type AuthState = RequestAuth;

export type AuthFailure = 'TOKEN_MISSING' | TokenFailure;
