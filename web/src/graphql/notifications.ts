// The operations are in notifications.graphql; their typed documents are generated (`npm run compose`).
export {
  MarkNotificationsReadDocument as MARK_READ,
  NotificationsDocument as NOTIFICATIONS,
  UnreadNotificationCountDocument as UNREAD_COUNT,
} from './generated';
