import { childFeature } from '../customers/childRoutes.js';
import { createReferralBody, referralSchema, updateReferralBody } from './referralSchemas.js';
import { referralResource } from './referralService.js';

export const referralsFeature = childFeature({
  path: 'referrals',
  resource: referralResource,
  item: referralSchema,
  createBody: createReferralBody,
  updateBody: updateReferralBody,
});
