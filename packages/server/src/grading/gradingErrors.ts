import { errorFactory } from '../app/featureErrors.js';

export type GradingErrorCode =
  | 'RUN_IN_PROGRESS'
  | 'RUN_NOT_FOUND'
  | 'MODEL_NOT_FOUND'
  | 'MODEL_NOT_PUBLISHED'
  | 'MODEL_INVALID'
  | 'NO_PUBLISHED_MODEL'
  | 'BAD_AS_OF'
  | 'RUN_NOT_PUBLISHABLE';

export function gradingErrorStatus(code: GradingErrorCode): number {
  switch (code) {
    case 'RUN_IN_PROGRESS':
    case 'MODEL_NOT_PUBLISHED':
    case 'NO_PUBLISHED_MODEL':
    case 'RUN_NOT_PUBLISHABLE':
      return 409;
    case 'RUN_NOT_FOUND':
    case 'MODEL_NOT_FOUND':
      return 404;
    case 'MODEL_INVALID':
    case 'BAD_AS_OF':
      return 400;
  }
}

export const gradingError = errorFactory(gradingErrorStatus);
