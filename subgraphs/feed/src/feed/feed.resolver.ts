import { decodeCursor, pageSize, requireViewer, toPage } from '@social/kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { FeedContext } from '../context';
import { sqlOf } from '../db/sql';
import { readFeed } from './feed.repository';
import { FeedConnection } from './feed.types';

@Resolver()
export class FeedResolver {
  @Query(() => FeedConnection, { description: "The caller's own posts and those of everyone they follow, newest first" })
  async feed(
    @Ctx() context: FeedContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<FeedConnection> {
    const viewer = requireViewer(context.viewer);
    const limit = pageSize(first);
    const cursor = decodeCursor(after);
    const rows = await readFeed(sqlOf(context.em), viewer.userId, cursor, limit + 1, context.maxEntries);
    const page = toPage(rows, limit, (row) => ({ at: row.createdAt, id: row.postId }));
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ node, cursor: edgeCursor }) => ({
        cursor: edgeCursor,
        node: { post: { id: node.postId }, addedAt: node.createdAt },
      })),
    };
  }
}
