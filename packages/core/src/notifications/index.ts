export {
  NOTIFICATION_DEFAULTS,
  notificationPreferencesInput,
  notificationTogglesSchema,
  type NotificationType,
  type NotificationToggles,
  type NotificationPreferences,
  type NotificationPreferencesInput,
} from './preferences.js';
export { DEFAULT_NOTIFICATION_POLICY, type NotificationPolicy } from './delivery-queue.js';
export type { NotificationsApi } from './notifications-service.js';
