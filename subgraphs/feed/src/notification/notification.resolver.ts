import { decodeCursor, pageSize, requireViewer, toPage } from '@social/kit';
import { Arg, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { FeedContext } from '../context';
import { sqlOf } from '@social/kit/orm';
import { countUnread, markAllRead, readNotifications } from './notification.repository';
import { NotificationConnection } from './notification.type';

@Resolver()
export class NotificationResolver {
  @Query(() => NotificationConnection, { description: "The caller's notifications, newest first" })
  async notifications(
    @Ctx() context: FeedContext,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<NotificationConnection> {
    const viewer = requireViewer(context.viewer);
    const limit = pageSize(first);
    const rows = await readNotifications(
      sqlOf(context.em),
      viewer.userId,
      decodeCursor(after),
      limit + 1,
    );
    return toPage(rows, limit, (row) => ({ at: row.createdAt, id: row.id }));
  }

  @Query(() => Int, { description: "The caller's unread notifications" })
  unreadNotificationCount(@Ctx() context: FeedContext): Promise<number> {
    return countUnread(sqlOf(context.em), requireViewer(context.viewer).userId);
  }

  @Mutation(() => Int, {
    description: 'Marks all of the caller’s notifications read; answers how many were unread',
  })
  markNotificationsRead(@Ctx() context: FeedContext): Promise<number> {
    const viewer = requireViewer(context.viewer);
    return markAllRead(sqlOf(context.em), viewer.userId, new Date(context.clock()));
  }
}
