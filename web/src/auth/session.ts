// The session lives in memory only: a reload forgets the access token, and the httpOnly
// refresh cookie (which scripts cannot read) brings the session back.

import type { UserSummaryFragment } from '../graphql/generated';

/** The signed-in person, as the UserSummary fragment selects them. */
export type Viewer = UserSummaryFragment;

export type SessionStatus = 'restoring' | 'authenticated' | 'anonymous';

export interface SessionState {
  status: SessionStatus;
  viewer: Viewer | null;
  /** Shown once on the login page, e.g. why the session ended. */
  notice: string | null;
  /** The server refused to renew the session: wherever the person is, the login page comes next. */
  expired: boolean;
}

type Listener = () => void;

let accessToken: string | null = null;
let state: SessionState = { status: 'restoring', viewer: null, notice: null, expired: false };
const listeners = new Set<Listener>();

function publish(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const session = {
  getSnapshot: (): SessionState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  accessToken: (): string | null => accessToken,
  signedIn(token: string, viewer: Viewer): void {
    accessToken = token;
    publish({ status: 'authenticated', viewer, notice: null, expired: false });
  },
  updateViewer(viewer: Viewer): void {
    if (state.status === 'authenticated') publish({ ...state, viewer });
  },
  signedOut(notice: string | null = null, expired = false): void {
    accessToken = null;
    publish({ status: 'anonymous', viewer: null, notice, expired });
  },
  clearNotice(): void {
    if (state.notice || state.expired) publish({ ...state, notice: null, expired: false });
  },
};
