import { errorFactory } from '../app/featureErrors.js';

export type OrderErrorCode = 'ORDER_NOT_FOUND';

export function orderErrorStatus(code: OrderErrorCode): number {
  switch (code) {
    case 'ORDER_NOT_FOUND':
      return 404;
  }
}

export const orderError = errorFactory(orderErrorStatus);
