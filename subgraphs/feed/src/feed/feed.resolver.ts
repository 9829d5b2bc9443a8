import { decodeCursor, pageSize, requireViewer, toPage } from '@social/kit';
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { FeedContext } from '../context';
import { sqlOf } from '@social/kit/orm';
import { fromFeedCursor, toFeedCursor, type FeedCursor } from './feed.cursor';
import { readFeed, type FeedRow } from './feed.repository';
import { FeedConnection } from './feed.type';

@Resolver()
export class FeedResolver {
  @Query(() => FeedConnection, {
    description: "The caller's own posts and those of everyone they follow, newest first",
  })
  async feed(
    @Ctx() context: FeedContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<FeedConnection> {
    const viewer = requireViewer(context.viewer);
    const limit = pageSize(first);
    const cursor = toFeedCursor(decodeCursor(after));
    const rows = await readFeed(
      sqlOf(context.em),
      viewer.userId,
      cursor,
      limit + 1,
      context.maxEntries,
    );
    const page = toPage(withPositions(rows, cursor), limit, fromFeedCursor);
    return {
      pageInfo: page.pageInfo,
      edges: page.edges.map(({ node, cursor: edgeCursor }) => ({
        cursor: edgeCursor,
        node: { post: { id: node.postId }, addedAt: node.at },
      })),
    };
  }
}

/** Numbers the rows after the cursor's count; a walk begun with a count-less cursor stays count-less. */
function withPositions(rows: FeedRow[], after: FeedCursor | null) {
  const before = after ? after.shown : 0;
  return rows.map((row, index) => ({
    at: row.createdAt,
    postId: row.postId,
    shown: before === null ? null : before + index + 1,
  }));
}
