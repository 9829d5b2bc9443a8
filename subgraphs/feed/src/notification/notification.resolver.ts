import { Ctx, Int, Query, Resolver } from 'type-graphql';
import type { FeedContext } from '../context';

@Resolver()
export class NotificationResolver {
  @Query(() => Int, { description: "The caller's unread notifications" })
  async unreadNotificationCount(@Ctx() context: FeedContext): Promise<number> {
    if (!context.viewerId) return 0;
    const [row] = await context.em
      .getConnection()
      .execute<Array<{ n: number | string }>>(
        'select count(*) as n from notifications where recipient_id = ? and read_at is null',
        [context.viewerId],
      );
    return Number(row?.n ?? 0);
  }
}
