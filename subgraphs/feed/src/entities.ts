import { NotificationRow } from './notification/notification.entity';

export const entities = [NotificationRow];
