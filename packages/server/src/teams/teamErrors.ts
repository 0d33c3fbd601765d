import { errorFactory } from '../app/featureErrors.js';

export type TeamErrorCode = 'TEAM_NOT_FOUND' | 'TEAM_NAME_TAKEN' | 'TEAM_USER_NOT_FOUND';

export function teamErrorStatus(code: TeamErrorCode): number {
  switch (code) {
    case 'TEAM_NOT_FOUND':
      return 404;
    case 'TEAM_NAME_TAKEN':
      return 409;
    case 'TEAM_USER_NOT_FOUND':
      return 400;
  }
}

export const teamError = errorFactory(teamErrorStatus);
