import { errorFactory } from '../app/featureErrors.js';

export type NotificationErrorCode = 'NOTIFICATION_NOT_FOUND';

export function notificationErrorStatus(code: NotificationErrorCode): number {
  switch (code) {
    case 'NOTIFICATION_NOT_FOUND':
      return 404;
  }
}

export const notificationError = errorFactory(notificationErrorStatus);

/** Someone else's notification and a missing one get the same answer: never reveal that it exists. */
export const notificationNotFound = (id: number) =>
  notificationError('NOTIFICATION_NOT_FOUND', `No notification ${id}`);
