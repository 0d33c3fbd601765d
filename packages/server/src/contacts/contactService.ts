import { and, count, eq } from 'drizzle-orm';
import { contacts } from '@stratum/db';
import type { Queryable } from '../app/transaction.js';
import { childResource } from '../customers/childResource.js';
import { contactError } from './contactErrors.js';

export const contactResource = childResource({
  entity: 'contact',
  table: contacts,
  timeColumn: contacts.createdAt,
  externalIdPrefix: 'CT',
  notFound: (customerId, id) =>
    contactError('CONTACT_NOT_FOUND', `No contact ${id} for customer ${customerId}`),
  async check(tx, _actor, customerId, record) {
    if (record.reportsToId == null) return;
    if (record.reportsToId === record.id) {
      throw contactError('CONTACT_REPORTS_TO_INVALID', 'A contact cannot report to themself', {
        field: 'reportsToId',
      });
    }
    if (!(await contactExists(tx, customerId, record.reportsToId))) {
      throw contactError('CONTACT_REPORTS_TO_INVALID', `No contact ${record.reportsToId} at this customer`, {
        field: 'reportsToId',
      });
    }
  },
});

/** Whether a contact exists at this customer (other records refer to contacts by id). */
export async function contactExists(db: Queryable, customerId: number, contactId: number): Promise<boolean> {
  const [row] = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.customerId, customerId), eq(contacts.id, contactId)));
  return row !== undefined;
}

/** How many contacts a customer has (the caller has established the customer is visible). */
export async function countContacts(db: Queryable, customerId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(contacts).where(eq(contacts.customerId, customerId));
  return row?.n ?? 0;
}
