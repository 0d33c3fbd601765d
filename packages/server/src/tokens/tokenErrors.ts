import { errorFactory } from '../app/featureErrors.js';

export type TokenErrorCode = 'TOKEN_NOT_FOUND' | 'TOKEN_FROM_TOKEN';

export function tokenErrorStatus(code: TokenErrorCode): number {
  switch (code) {
    case 'TOKEN_NOT_FOUND':
      return 404;
    case 'TOKEN_FROM_TOKEN':
      return 403;
  }
}

export const tokenError = errorFactory(tokenErrorStatus);
