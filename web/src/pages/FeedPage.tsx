import { NetworkStatus } from '@apollo/client';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Alert } from '../components/Alert';
import { EmptyState, Loading } from '../components/Loading';
import { Composer } from '../components/posts/Composer';
import { PostList } from '../components/posts/PostList';
import { describeError } from '../graphql/errors';
import { FEED } from '../graphql/posts';
import { usePageTitle } from '../hooks/use-page-title';

const PAGE = 10;

export function FeedPage() {
  usePageTitle('Home');
  const client = useApolloClient();
  const [refreshing, setRefreshing] = useState(false);
  const { data, error, networkStatus, fetchMore } = useQuery(FEED, {
    variables: { first: PAGE },
    fetchPolicy: 'cache-and-network',
  });
  const feed = data?.feed;
  const posts = feed?.edges.map((edge) => edge.node.post).filter((post) => !post.deleted) ?? [];
  const busy = refreshing || networkStatus === NetworkStatus.loading;
  // Everything on screen, not only the list: open comment threads and the unread count too.
  const refresh = () => {
    setRefreshing(true);
    void client
      .refetchQueries({ include: 'active' })
      .catch(() => undefined)
      .finally(() => setRefreshing(false));
  };

  return (
    <>
      <h1 className="visually-hidden">Home</h1>
      <Composer />
      <div className="toolbar">
        <h2>Your feed</h2>
        <button type="button" className="button button--small" onClick={refresh} disabled={busy}>
          {busy ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {error && <Alert kind="error">{describeError(error).message}</Alert>}
      {!feed && networkStatus === NetworkStatus.loading && <Loading label="Loading your feed…" />}
      {feed && posts.length === 0 && (
        <EmptyState title="Your feed is empty">
          <p>Write your first post, or follow people to see theirs here.</p>
        </EmptyState>
      )}
      <PostList
        label="Feed"
        posts={posts}
        hasMore={Boolean(feed?.pageInfo.hasNextPage)}
        loadingMore={networkStatus === NetworkStatus.fetchMore}
        onLoadMore={() => void fetchMore({ variables: { after: feed?.pageInfo.endCursor } })}
      />
    </>
  );
}
