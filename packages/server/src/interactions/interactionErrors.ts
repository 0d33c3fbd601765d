import { errorFactory } from '../app/featureErrors.js';

export type InteractionErrorCode =
  'INTERACTION_NOT_FOUND' | 'INTERACTION_CONTACT_NOT_FOUND' | 'INTERACTION_USER_NOT_FOUND';

export function interactionErrorStatus(code: InteractionErrorCode): number {
  switch (code) {
    case 'INTERACTION_NOT_FOUND':
      return 404;
    case 'INTERACTION_CONTACT_NOT_FOUND':
    case 'INTERACTION_USER_NOT_FOUND':
      return 400;
  }
}

export const interactionError = errorFactory(interactionErrorStatus);
