import { errorFactory } from '../app/featureErrors.js';

export type BacktestErrorCode =
  'BACKTEST_NOT_FOUND' | 'BAD_AS_OF' | 'BAD_HORIZON' | 'HORIZON_NOT_OBSERVED' | 'NO_PUBLISHED_MODEL';

export function backtestErrorStatus(code: BacktestErrorCode): number {
  switch (code) {
    case 'BACKTEST_NOT_FOUND':
      return 404;
    case 'NO_PUBLISHED_MODEL':
      return 409;
    case 'BAD_AS_OF':
    case 'BAD_HORIZON':
    case 'HORIZON_NOT_OBSERVED':
      return 400;
  }
}

export const backtestError = errorFactory(backtestErrorStatus);
