import { expectData, graphql, type GraphQLResponse } from '@social/testkit';
import type { TestMember } from '../../subgraphs/members/test/harness';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export const OPERATIONS = {
  login:
    'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
  refresh: 'mutation($t: String) { refreshToken(refreshToken: $t) { accessToken refreshToken } }',
  logout: 'mutation($t: String) { logout(refreshToken: $t) }',
  me: '{ me { user { id } } }',
  follow: 'mutation($id: ID!) { follow(userId: $id) { id viewerFollows } }',
  post: 'mutation($body: String!) { createPost(body: $body) { id } }',
  like: 'mutation($id: ID!) { likePost(postId: $id) { id viewerHasLiked } }',
  unlike: 'mutation($id: ID!) { unlikePost(postId: $id) { id viewerHasLiked } }',
  feed: `query($after: String) { feed(first: 100, after: $after) {
    edges { node { post { id } } } pageInfo { hasNextPage endCursor } } }`,
  notifications: `query($after: String) { notifications(first: 100, after: $after) {
    edges { node { kind actor { id } post { id } } } pageInfo { hasNextPage endCursor } } }`,
};

/**
 * What the members did, as acknowledged by the API: the follows, posts and likes that hold now.
 * Each feed and each notification list must end exactly as this says.
 */
export class World {
  readonly follows = new Set<string>();
  readonly authorOf = new Map<string, string>();
  readonly likes = new Set<string>();
  /** Acknowledged writes (follows, posts, likes, unlikes), counted as their answers arrive. */
  acknowledged = 0;

  follow(follower: string, followee: string): void {
    this.follows.add(`${follower}>${followee}`);
    this.acknowledged += 1;
  }

  post(author: string, postId: string): void {
    this.authorOf.set(postId, author);
    this.acknowledged += 1;
  }

  like(liker: string, postId: string, liked: boolean): void {
    if (liked) this.likes.add(`${liker}>${postId}`);
    else this.likes.delete(`${liker}>${postId}`);
    this.acknowledged += 1;
  }

  /** Their own posts and those of everyone they follow, as a sorted list of post ids. */
  feedOf(member: string): string[] {
    return [...this.authorOf]
      .filter(([, author]) => author === member || this.follows.has(`${member}>${author}`))
      .map(([postId]) => postId)
      .sort();
  }

  /** `KIND actor post`: who followed them, who liked which of their posts (never themselves). */
  notificationsOf(member: string): string[] {
    const followed = [...this.follows]
      .map((pair) => pair.split('>'))
      .filter(([follower, followee]) => followee === member && follower !== member)
      .map(([follower]) => `FOLLOWED ${follower} -`);
    const liked = [...this.likes]
      .map((pair) => pair.split('>'))
      .filter(([liker, postId]) => this.authorOf.get(postId ?? '') === member && liker !== member)
      .map(([liker, postId]) => `POST_LIKED ${liker} ${postId}`);
    return [...followed, ...liked].sort();
  }
}

/** One member's client: its tokens follow every login and refresh. */
export class Client {
  constructor(public readonly member: TestMember) {}

  get id(): string {
    return this.member.userId;
  }

  call<T = unknown>(
    url: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    return expectData<T>(url, { query, variables, headers: bearer(this.member.accessToken) });
  }

  /** The raw answer, for the refusals a test expects. */
  try(
    url: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse> {
    return graphql(url, { query, variables, headers: bearer(this.member.accessToken) });
  }

  async login(url: string): Promise<void> {
    const { login } = await expectData(url, {
      query: OPERATIONS.login,
      variables: { e: this.member.email, p: this.member.password },
    });
    Object.assign(this.member, login);
  }

  async refresh(url: string): Promise<void> {
    const { refreshToken } = await expectData(url, {
      query: OPERATIONS.refresh,
      variables: { t: this.member.refreshToken },
    });
    Object.assign(this.member, refreshToken);
  }

  async follow(url: string, world: World, whom: Client): Promise<void> {
    const { follow } = await this.call<{ follow: { viewerFollows: boolean } }>(
      url,
      OPERATIONS.follow,
      { id: whom.id },
    );
    if (!follow.viewerFollows)
      throw new Error(`follow of ${whom.id} answered ${JSON.stringify(follow)}`);
    world.follow(this.id, whom.id);
  }

  async post(url: string, world: World, body: string): Promise<string> {
    const { createPost } = await this.call<{ createPost: { id: string } }>(url, OPERATIONS.post, {
      body,
    });
    world.post(this.id, createPost.id);
    return createPost.id;
  }

  async like(url: string, world: World, postId: string, liked = true): Promise<void> {
    type Answer = Record<'likePost' | 'unlikePost', { viewerHasLiked: boolean } | undefined>;
    const answer = await this.call<Answer>(url, liked ? OPERATIONS.like : OPERATIONS.unlike, {
      id: postId,
    });
    const post = liked ? answer.likePost : answer.unlikePost;
    if (post?.viewerHasLiked !== liked) throw new Error(`like answered ${JSON.stringify(post)}`);
    world.like(this.id, postId, liked);
  }

  /** The whole home feed, every page, as a sorted list of post ids. */
  async feed(url: string): Promise<string[]> {
    const nodes = await this.pages<{ post: { id: string } }>(url, OPERATIONS.feed, 'feed');
    return nodes.map((node) => node.post.id).sort();
  }

  async notifications(url: string): Promise<string[]> {
    type Node = { kind: string; actor: { id: string }; post: { id: string } | null };
    const nodes = await this.pages<Node>(url, OPERATIONS.notifications, 'notifications');
    return nodes.map((n) => `${n.kind} ${n.actor.id} ${n.post?.id ?? '-'}`).sort();
  }

  private async pages<T>(url: string, query: string, field: string): Promise<T[]> {
    type Page = {
      edges: Array<{ node: T }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    const nodes: T[] = [];
    let after: string | null = null;
    do {
      const answer: Record<string, Page> = await this.call(url, query, { after });
      const page = answer[field];
      if (!page) throw new Error(`no ${field} in ${JSON.stringify(answer)}`);
      nodes.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return nodes;
  }
}
