import { errorFactory } from '../app/featureErrors.js';

export type ReferralErrorCode = 'REFERRAL_NOT_FOUND' | 'REFERRAL_REFERRED_INVALID';

export function referralErrorStatus(code: ReferralErrorCode): number {
  switch (code) {
    case 'REFERRAL_NOT_FOUND':
      return 404;
    case 'REFERRAL_REFERRED_INVALID':
      return 400;
  }
}

export const referralError = errorFactory(referralErrorStatus);
