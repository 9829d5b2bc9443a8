import { buildFederatedSchema } from '@social/kit';
import { NotificationResolver } from './notification/notification.resolver';

export function buildFeedSchema() {
  return buildFederatedSchema({ resolvers: [NotificationResolver] });
}
