import { errorFactory } from '../app/featureErrors.js';

export type ContactErrorCode = 'CONTACT_NOT_FOUND' | 'CONTACT_REPORTS_TO_INVALID';

export function contactErrorStatus(code: ContactErrorCode): number {
  switch (code) {
    case 'CONTACT_NOT_FOUND':
      return 404;
    case 'CONTACT_REPORTS_TO_INVALID':
      return 400;
  }
}

export const contactError = errorFactory(contactErrorStatus);
