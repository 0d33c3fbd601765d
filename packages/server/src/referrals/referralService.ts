import { referrals } from '@stratum/db';
import { childResource } from '../customers/childResource.js';
import { findVisibleCustomer } from '../customers/customerService.js';
import { referralError } from './referralErrors.js';

export const referralResource = childResource({
  entity: 'referral',
  table: referrals,
  timeColumn: referrals.referredAt,
  externalIdPrefix: 'REF',
  notFound: (customerId, id) =>
    referralError('REFERRAL_NOT_FOUND', `No referral ${id} for customer ${customerId}`),
  async check(tx, actor, customerId, record) {
    if (record.referredCustomerId == null && !record.referredExternalId && !record.referredName) {
      throw referralError(
        'REFERRAL_REFERRED_INVALID',
        'Say who was referred: referredCustomerId, referredExternalId or referredName',
        { field: 'referredName' },
      );
    }
    if (record.referredCustomerId == null) return;
    // Only a customer the caller can see may be named, so a referral never reveals another manager's customer.
    if (
      record.referredCustomerId === customerId ||
      !(await findVisibleCustomer(tx, actor, record.referredCustomerId))
    ) {
      throw referralError('REFERRAL_REFERRED_INVALID', `No customer ${record.referredCustomerId} to refer`, {
        field: 'referredCustomerId',
      });
    }
  },
});
