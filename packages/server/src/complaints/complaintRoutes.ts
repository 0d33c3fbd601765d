import { childFeature } from '../customers/childRoutes.js';
import { createComplaintBody, complaintSchema, updateComplaintBody } from './complaintSchemas.js';
import { complaintResource } from './complaintService.js';

export const complaintsFeature = childFeature({
  path: 'complaints',
  resource: complaintResource,
  item: complaintSchema,
  createBody: createComplaintBody,
  updateBody: updateComplaintBody,
});
