import { interactions } from '@stratum/db';
import { contactExists } from '../contacts/contactService.js';
import { childResource } from '../customers/childResource.js';
import { findUser } from '../users/userService.js';
import { interactionError } from './interactionErrors.js';

export const interactionResource = childResource({
  entity: 'interaction',
  table: interactions,
  timeColumn: interactions.occurredAt,
  externalIdPrefix: 'INT',
  notFound: (customerId, id) =>
    interactionError('INTERACTION_NOT_FOUND', `No interaction ${id} for customer ${customerId}`),
  async check(tx, _actor, customerId, record) {
    if (record.contactId != null && !(await contactExists(tx, customerId, record.contactId))) {
      throw interactionError(
        'INTERACTION_CONTACT_NOT_FOUND',
        `No contact ${record.contactId} at this customer`,
        {
          field: 'contactId',
        },
      );
    }
    if (record.userId != null && !(await findUser(tx, record.userId))) {
      throw interactionError('INTERACTION_USER_NOT_FOUND', `No user ${record.userId}`, { field: 'userId' });
    }
  },
});
