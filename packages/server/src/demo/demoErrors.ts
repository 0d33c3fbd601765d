import { errorFactory } from '../app/featureErrors.js';

export type DemoErrorCode =
  | 'DEMO_INVALID_OPTIONS'
  /** The database already holds customers and no reset was asked for. */
  | 'DEMO_DATABASE_NOT_EMPTY'
  /** Another demo load holds the lock on this database. */
  | 'DEMO_BUSY'
  /** A demo e-mail address belongs to a user that is not a demo user. */
  | 'DEMO_EMAIL_TAKEN';

export function demoErrorStatus(code: DemoErrorCode): number {
  switch (code) {
    case 'DEMO_INVALID_OPTIONS':
      return 400;
    case 'DEMO_DATABASE_NOT_EMPTY':
    case 'DEMO_BUSY':
    case 'DEMO_EMAIL_TAKEN':
      return 409;
  }
}

export const demoError = errorFactory(demoErrorStatus);
