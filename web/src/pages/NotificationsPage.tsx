import { NetworkStatus } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { Alert } from '../components/Alert';
import { Avatar } from '../components/Avatar';
import { EmptyState, Loading } from '../components/Loading';
import { Time } from '../components/Time';
import { describeError } from '../graphql/errors';
import { MARK_READ, NOTIFICATIONS, UNREAD_COUNT } from '../graphql/notifications';
import type { Notification } from '../graphql/types';
import { useInfiniteScroll } from '../hooks/use-infinite-scroll';
import { usePageTitle } from '../hooks/use-page-title';

const PAGE = 20;

export function NotificationsPage() {
  usePageTitle('Notifications');
  const client = useApolloClient();
  const { data, error, networkStatus, fetchMore, refetch } = useQuery(NOTIFICATIONS, {
    variables: { first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const [markRead] = useMutation(MARK_READ);
  const connection = data?.notifications;
  const unseen = connection?.edges.some((edge) => !edge.node.read) ?? false;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;
  const loadMore = () => {
    if (!loadingMore) void fetchMore({ variables: { after: connection?.pageInfo.endCursor } });
  };
  const sentinel = useInfiniteScroll(loadMore, Boolean(connection?.pageInfo.hasNextPage));

  // Seeing the list counts as reading it; the items keep their "new" mark until the next visit.
  useEffect(() => {
    if (!unseen) return;
    void markRead()
      .then(() => client.writeQuery({ query: UNREAD_COUNT, data: { unreadNotificationCount: 0 } }))
      .catch(() => undefined);
  }, [unseen, markRead, client]);

  const busy = networkStatus === NetworkStatus.refetch;
  return (
    <>
      <div className="toolbar">
        <h1>Notifications</h1>
        <button
          type="button"
          className="button button--small"
          onClick={() => void refetch()}
          disabled={busy}
        >
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error && <Alert kind="error">{describeError(error).message}</Alert>}
      {!connection && networkStatus === NetworkStatus.loading && (
        <Loading label="Loading notifications…" />
      )}
      {connection && connection.edges.length === 0 && (
        <EmptyState title="No notifications yet">
          <p>When people follow you, like or comment on your posts, you will see it here.</p>
        </EmptyState>
      )}
      <ul className="notifications" aria-label="Notifications">
        {connection?.edges.map(({ node }) => (
          <NotificationItem key={node.id} notification={node} />
        ))}
      </ul>
      {connection?.pageInfo.hasNextPage && (
        <div ref={sentinel} className="load-more">
          <button type="button" className="button" onClick={loadMore} disabled={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}

const VERBS: Record<Notification['kind'], string> = {
  FOLLOWED: 'followed you',
  POST_LIKED: 'liked your post',
  POST_COMMENTED: 'commented on your post',
};

function NotificationItem({ notification }: { notification: Notification }) {
  const { actor, post, kind } = notification;
  const snippet = post ? (post.body.length > 80 ? `${post.body.slice(0, 80)}…` : post.body) : null;
  return (
    <li className={`card notification${notification.read ? '' : ' notification--unread'}`}>
      <Avatar user={actor} size={36} />
      <p>
        <Link to={`/u/${actor.handle}`}>{actor.displayName}</Link> {VERBS[kind]}
        {snippet && <span className="notification__snippet"> “{snippet}”</span>}
        <br />
        <span className="muted">
          <Time value={notification.createdAt} />
          {!notification.read && <span className="tag">new</span>}
        </span>
      </p>
    </li>
  );
}
