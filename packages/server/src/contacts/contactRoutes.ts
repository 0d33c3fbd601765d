import { childFeature } from '../customers/childRoutes.js';
import { createContactBody, contactSchema, updateContactBody } from './contactSchemas.js';
import { contactResource } from './contactService.js';

export const contactsFeature = childFeature({
  path: 'contacts',
  resource: contactResource,
  item: contactSchema,
  createBody: createContactBody,
  updateBody: updateContactBody,
});
