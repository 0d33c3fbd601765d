import { errorFactory } from '../app/featureErrors.js';

export type ComplaintErrorCode = 'COMPLAINT_NOT_FOUND' | 'COMPLAINT_RESOLVED_BEFORE_OPENED';

export function complaintErrorStatus(code: ComplaintErrorCode): number {
  switch (code) {
    case 'COMPLAINT_NOT_FOUND':
      return 404;
    case 'COMPLAINT_RESOLVED_BEFORE_OPENED':
      return 400;
  }
}

export const complaintError = errorFactory(complaintErrorStatus);
