import { errorFactory } from '../app/featureErrors.js';

export type CustomerErrorCode =
  | 'CUSTOMER_NOT_FOUND'
  | 'CUSTOMER_PARENT_NOT_FOUND'
  | 'CUSTOMER_PARENT_CYCLE'
  | 'CUSTOMER_OWNER_INVALID'
  | 'CUSTOMER_OWNER_FORBIDDEN'
  | 'CUSTOMER_CURSOR_MISMATCH';

export function customerErrorStatus(code: CustomerErrorCode): number {
  switch (code) {
    case 'CUSTOMER_NOT_FOUND':
      return 404;
    case 'CUSTOMER_PARENT_NOT_FOUND':
    case 'CUSTOMER_PARENT_CYCLE':
    case 'CUSTOMER_OWNER_INVALID':
    case 'CUSTOMER_CURSOR_MISMATCH':
      return 400;
    case 'CUSTOMER_OWNER_FORBIDDEN':
      return 403;
  }
}

export const customerError = errorFactory(customerErrorStatus);

/** The one answer for a customer that does not exist or is outside the caller's scope: never reveal which. */
export const customerNotFound = (id: number) => customerError('CUSTOMER_NOT_FOUND', `No customer ${id}`);
