import { useMutation, useQuery } from '@apollo/client/react';
import { useId } from 'react';
import { useLogout } from '../../auth/use-logout';
import { Alert } from '../../components/Alert';
import { Loading } from '../../components/Loading';
import { Time } from '../../components/Time';
import { END_SESSION, MY_SESSIONS } from '../../graphql/account';
import { describeError } from '../../graphql/errors';
import type { Session } from '../../graphql/types';
import { usePageTitle } from '../../hooks/use-page-title';
import { useSubmit } from '../../hooks/use-submit';

export function SessionsPage() {
  usePageTitle('Sessions');
  const { data, error } = useQuery(MY_SESSIONS, { fetchPolicy: 'cache-and-network' });
  return (
    <section className="card" aria-labelledby="settings-sessions">
      <h2 id="settings-sessions">Sessions</h2>
      <p className="muted">
        Where you are logged in. End any session you do not recognise, then change your password.
      </p>
      {error && <Alert kind="error">{describeError(error).message}</Alert>}
      {!data && !error && <Loading label="Loading your sessions…" />}
      {data && (
        <ul className="sessions" aria-label="Sessions">
          {data.mySessions.map((item) => (
            <SessionItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

function SessionItem({ item }: { item: Session }) {
  const labelId = useId();
  return (
    <li className="session">
      <div className="session__text">
        <p className="session__device" id={labelId}>
          {item.device}
          {item.current && <span className="tag">This device</span>}
        </p>
        <p className="muted">{item.address ?? 'Network unknown'}</p>
        <p className="muted">
          Logged in <Time value={item.createdAt} /> · last used <Time value={item.lastUsedAt} />
        </p>
      </div>
      {item.current ? (
        <LogOutHere labelId={labelId} />
      ) : (
        <EndSession item={item} labelId={labelId} />
      )}
    </li>
  );
}

/** Ending the session of this very tab is logging out: the same call, the same safeguards. */
function LogOutHere({ labelId }: { labelId: string }) {
  const { logout, loading, error } = useLogout();
  return (
    <SessionAction
      labelId={labelId}
      pending={loading}
      busy="Logging out…"
      onClick={logout}
      error={error}
    >
      Log out
    </SessionAction>
  );
}

/** The other device's access token is refused at once; its next request sends it to log in. */
function EndSession({ item, labelId }: { item: Session; labelId: string }) {
  const [endSession] = useMutation(END_SESSION, {
    update: (cache, { data }) => {
      if (!data?.endSession) return;
      // The list drops the dangling reference when it is read again.
      cache.evict({ id: cache.identify({ __typename: 'Session', id: item.id }) });
      cache.gc();
    },
  });
  const { error, pending, submit } = useSubmit();
  return (
    <SessionAction
      labelId={labelId}
      danger
      pending={pending}
      busy="Ending…"
      onClick={() => void submit(() => endSession({ variables: { id: item.id } }))}
      error={error?.message}
    >
      End session
    </SessionAction>
  );
}

interface ActionProps {
  /** The session's device line: with several "End session" buttons, it says which one. */
  labelId: string;
  danger?: boolean;
  pending: boolean;
  busy: string;
  onClick: () => void;
  error: string | null | undefined;
  children: string;
}

function SessionAction({ labelId, danger, pending, busy, onClick, error, children }: ActionProps) {
  return (
    <div className="session__action">
      <button
        type="button"
        className={`button button--small${danger ? ' button--danger' : ''}`}
        aria-describedby={labelId}
        onClick={onClick}
        disabled={pending}
      >
        {pending ? busy : children}
      </button>
      <Alert kind="error">{error}</Alert>
    </div>
  );
}
