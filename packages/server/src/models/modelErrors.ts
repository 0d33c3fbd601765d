import { errorFactory } from '../app/featureErrors.js';

export type ModelErrorCode =
  | 'MODEL_NOT_FOUND'
  | 'MODEL_INVALID'
  | 'MODEL_FROZEN'
  | 'MODEL_NOT_DRAFT'
  | 'MODEL_KEY_TAKEN'
  | 'PRIORITY_TAKEN'
  | 'NO_FALLBACK_MODEL'
  | 'MODEL_SHADOWED'
  | 'SCHEDULE_INVALID';

export function modelErrorStatus(code: ModelErrorCode): number {
  switch (code) {
    case 'MODEL_NOT_FOUND':
      return 404;
    case 'MODEL_INVALID':
    case 'SCHEDULE_INVALID':
      return 400;
    case 'MODEL_FROZEN':
    case 'MODEL_NOT_DRAFT':
    case 'MODEL_KEY_TAKEN':
    case 'PRIORITY_TAKEN':
    case 'NO_FALLBACK_MODEL':
    case 'MODEL_SHADOWED':
      return 409;
  }
}

export const modelError = errorFactory(modelErrorStatus);
