import { buildFederatedSchema } from '@social/kit/federation';
import { FeedResolver } from './feed/feed.resolver';
import { NotificationResolver } from './notification/notification.resolver';

export function buildFeedSchema() {
  return buildFederatedSchema({ resolvers: [FeedResolver, NotificationResolver] });
}
