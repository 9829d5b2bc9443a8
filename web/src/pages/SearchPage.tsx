import { NetworkStatus } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert } from '../components/Alert';
import { Avatar } from '../components/Avatar';
import { EmptyState, Loading } from '../components/Loading';
import { SEARCH_USERS } from '../graphql/account';
import { describeError } from '../graphql/errors';
import { usePageTitle } from '../hooks/use-page-title';

const PAGE = 20;

/** Anyone may search, as anyone may open a profile; the cache keeps one list per query. */
export function SearchPage() {
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  usePageTitle(query ? `People matching “${query}”` : 'Search people');
  const { data, error, networkStatus, fetchMore } = useQuery(SEARCH_USERS, {
    variables: { query, first: PAGE },
    skip: !query,
    fetchPolicy: 'cache-and-network',
  });
  const connection = data?.searchUsers;
  const loadingMore = networkStatus === NetworkStatus.fetchMore;

  if (!query)
    return (
      <EmptyState title="Search people">
        <p>Type a name or a @handle in the search box.</p>
      </EmptyState>
    );
  const problem = error && describeError(error);
  return (
    <>
      <h1>People matching “{query}”</h1>
      {problem && (
        <Alert kind="error">
          {problem.fields.query ? `The search ${problem.fields.query}.` : problem.message}
        </Alert>
      )}
      {!connection && !error && <Loading label="Searching…" />}
      {connection && connection.edges.length === 0 && (
        <EmptyState title="Nobody found">
          <p>No handle or name starts with “{query}”.</p>
        </EmptyState>
      )}
      <ul className="people" aria-label="Search results">
        {connection?.edges.map(({ node }) => (
          <li key={node.id} className="card person">
            <Avatar user={node} />
            <p>
              <Link className="post__author" to={`/u/${node.handle}`}>
                {node.displayName}
              </Link>
              <br />
              <span className="muted">@{node.handle}</span>
            </p>
          </li>
        ))}
      </ul>
      {connection?.pageInfo.hasNextPage && (
        <div className="load-more">
          <button
            type="button"
            className="button"
            disabled={loadingMore}
            onClick={() => void fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          >
            {loadingMore ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </>
  );
}
