import { errorFactory } from '../app/featureErrors.js';

export type UserErrorCode =
  | 'USER_NOT_FOUND'
  | 'USER_EMAIL_TAKEN'
  | 'USER_TEAM_NOT_FOUND'
  | 'USER_CANNOT_DEACTIVATE_SELF'
  | 'USER_LAST_ADMIN';

export function userErrorStatus(code: UserErrorCode): number {
  switch (code) {
    case 'USER_NOT_FOUND':
      return 404;
    case 'USER_EMAIL_TAKEN':
    case 'USER_LAST_ADMIN':
      return 409;
    case 'USER_TEAM_NOT_FOUND':
    case 'USER_CANNOT_DEACTIVATE_SELF':
      return 400;
  }
}

export const userError = errorFactory(userErrorStatus);
