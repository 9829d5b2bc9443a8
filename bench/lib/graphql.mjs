// The operations the bench sends, and a small client for setup and checks.
import { createGatewaySigner, GATEWAY_SIGNATURE_HEADER } from '@social/kit';

export const ME = `query Me { me { email user { id handle displayName avatarUrl } } }`;

/** The home feed as the web app asks for it: 20 items, post, author and counts, three subgraphs. */
export const FEED = `query Feed { feed(first: 20) { edges { cursor node { addedAt post {
  id body createdAt editedAt likeCount commentCount viewerHasLiked
  author { id handle displayName avatarUrl } } } } pageInfo { hasNextPage endCursor } } }`;

export const USER_POSTS = `query UserPosts($id: ID!) { user(id: $id) { id displayName avatarUrl posts(first: 20) {
  edges { cursor node { id body createdAt likeCount commentCount viewerHasLiked } } pageInfo { hasNextPage endCursor } } } }`;

/** Anonymous-capable one-subgraph read: the same request with and without a token isolates auth. */
export const USER_NAME = `query UserName($id: ID!) { user(id: $id) { id handle displayName } }`;

export const CREATE_POST = `mutation CreatePost($body: String!) { createPost(body: $body) { id createdAt author { id } } }`;

export const LOGIN = `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken user { id } } }`;

/** The feed subgraph's own first page (no post bodies: those are activity's): its read cost alone. */
export const FEED_PAGE = `query FeedPage { feed(first: 20) { edges { cursor node { addedAt post { id } } } pageInfo { hasNextPage endCursor } } }`;

export const FEED_TOP = `query FeedTop { feed(first: 1) { edges { node { post { id } } } } }`;

/** `gatewaySecret`: sign the request as the gateway does, for a subgraph called directly. */
export async function gql(url, query, variables = {}, token = null, options = {}) {
  const { timeoutMs = 15_000, gatewaySecret = null } = options;
  const body = JSON.stringify({ query, variables });
  const headers = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (gatewaySecret) {
    const { pathname, search } = new URL(url);
    const sign = createGatewaySigner(gatewaySecret);
    headers[GATEWAY_SIGNATURE_HEADER] = sign({ method: 'POST', path: pathname + search, body });
  }
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${url}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || json.errors) {
    throw new Error(
      `${url}: HTTP ${response.status} for ${query.slice(0, 60)}... ${JSON.stringify(variables)}: ${text.slice(0, 600)}`,
    );
  }
  return json.data;
}

/** Real logins through the gateway, four at a time (members hashes two at once). */
export async function loginMany(gatewayUrl, users, password) {
  const tokens = [];
  for (let i = 0; i < users.length; i += 4) {
    const batch = await Promise.all(
      users.slice(i, i + 4).map(async (user) => {
        const data = await gql(gatewayUrl, LOGIN, { email: user.email, password });
        const token = data.login.accessToken;
        return { userId: user.id, email: user.email, token, sid: claimsOf(token).sid };
      }),
    );
    tokens.push(...batch);
  }
  return tokens;
}

/** The claims of a token, unverified: the bench needs the session id to mint more tokens for it. */
export function claimsOf(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}
