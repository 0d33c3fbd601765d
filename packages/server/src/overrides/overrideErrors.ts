import { errorFactory } from '../app/featureErrors.js';

export type OverrideErrorCode =
  | 'OVERRIDE_NOT_FOUND'
  | 'OVERRIDE_CUSTOMER_NOT_GRADED'
  | 'OVERRIDE_TIER_UNKNOWN'
  | 'OVERRIDE_EXPIRY_INVALID'
  | 'OVERRIDE_ALREADY_LIVE'
  | 'OVERRIDE_NOT_PENDING'
  | 'OVERRIDE_NOT_LIVE'
  | 'OVERRIDE_LAPSED'
  | 'OVERRIDE_OWN_DECISION'
  | 'OVERRIDE_WITHDRAW_FORBIDDEN';

export function overrideErrorStatus(code: OverrideErrorCode): number {
  switch (code) {
    case 'OVERRIDE_NOT_FOUND':
      return 404;
    case 'OVERRIDE_TIER_UNKNOWN':
    case 'OVERRIDE_EXPIRY_INVALID':
      return 400;
    case 'OVERRIDE_OWN_DECISION':
    case 'OVERRIDE_WITHDRAW_FORBIDDEN':
      return 403;
    case 'OVERRIDE_CUSTOMER_NOT_GRADED':
    case 'OVERRIDE_ALREADY_LIVE':
    case 'OVERRIDE_NOT_PENDING':
    case 'OVERRIDE_NOT_LIVE':
    case 'OVERRIDE_LAPSED':
      return 409;
  }
}

export const overrideError = errorFactory(overrideErrorStatus);

/** Missing, or its customer outside the caller's scope: the same answer, so nothing is revealed. */
export const overrideNotFound = (id: number) => overrideError('OVERRIDE_NOT_FOUND', `No override ${id}`);
