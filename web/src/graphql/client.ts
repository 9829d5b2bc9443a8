import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { authLink } from '../auth/auth-link';
import { session } from '../auth/session';

function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          feed: relayStylePagination(),
          notifications: relayStylePagination(),
          // One list per query text: "ada" and "adam" are different searches, not pages of one.
          searchUsers: relayStylePagination(['query']),
        },
      },
      User: {
        fields: {
          posts: relayStylePagination(),
          followers: relayStylePagination(),
          following: relayStylePagination(),
        },
      },
      Post: { fields: { comments: relayStylePagination() } },
      // One per session: without an id, a singleton key keeps it from being merged by accident.
      Me: { keyFields: [] },
    },
  });
}

export function createApolloClient(): ApolloClient {
  // A relative URL: the API shares the app's origin, so the SameSite=Strict refresh cookie
  // (Path=/graphql) travels with the refreshToken call.
  // x-session-transport: the refresh token lives in the httpOnly cookie only, so members
  // leaves it out of every response body (login's included) and no script here can read it.
  const http = new HttpLink({
    uri: '/graphql',
    credentials: 'same-origin',
    headers: { 'x-session-transport': 'cookie' },
  });
  const client = new ApolloClient({
    link: ApolloLink.from([authLink, http]),
    cache: createCache(),
  });
  // Another person may log in next in this tab: nothing of the last session stays cached.
  let previous = session.getSnapshot().status;
  session.subscribe(() => {
    const status = session.getSnapshot().status;
    if (previous === 'authenticated' && status === 'anonymous') void client.clearStore();
    previous = status;
  });
  return client;
}
