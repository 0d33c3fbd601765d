import type { contacts } from '@stratum/db';
import type { Actor } from '../access/actor.js';
import type { Queryable } from '../app/transaction.js';
import { complaintResource, countOpenComplaints } from '../complaints/complaintService.js';
import { contactResource, countContacts } from '../contacts/contactService.js';
import { interactionResource } from '../interactions/interactionService.js';
import { orderResource, orderSummary, type OrderSummary } from '../orders/orderService.js';
import { surveyResource } from '../surveys/surveyService.js';
import { findUser } from '../users/userService.js';
import type { CustomerRow } from './customerSchemas.js';
import { findVisibleCustomer, requireVisibleCustomer } from './customerService.js';

export const RECENT_LIMIT = 20;
export const CONTACT_LIMIT = 200;

export interface CustomerDetail {
  customer: CustomerRow;
  owner: { id: string; name: string; email: string } | null;
  parent: Pick<CustomerRow, 'id' | 'externalId' | 'name'> | null;
  contacts: (typeof contacts.$inferSelect)[];
  recentOrders: Awaited<ReturnType<typeof orderResource.list>>['items'];
  recentInteractions: Awaited<ReturnType<typeof interactionResource.list>>['items'];
  recentSurveys: Awaited<ReturnType<typeof surveyResource.list>>['items'];
  recentComplaints: Awaited<ReturnType<typeof complaintResource.list>>['items'];
  summary: OrderSummary & { contactCount: number; openComplaints: number };
}

/** The customer's page: profile, people, latest activity and a few figures, all within the caller's scope. */
export async function customerDetail(
  db: Queryable,
  actor: Actor,
  id: number,
  now: Date,
): Promise<CustomerDetail> {
  const customer = await requireVisibleCustomer(db, actor, id);
  const recent = { limit: RECENT_LIMIT };
  const [
    owner,
    parent,
    contactPage,
    orders,
    interactions,
    surveys,
    complaintPage,
    orderFigures,
    contactCount,
    openComplaints,
  ] = await Promise.all([
    customer.ownerId ? findUser(db, customer.ownerId) : null,
    customer.parentId ? findVisibleCustomer(db, actor, customer.parentId) : null,
    contactResource.list(db, actor, id, { limit: CONTACT_LIMIT }),
    orderResource.list(db, actor, id, recent),
    interactionResource.list(db, actor, id, recent),
    surveyResource.list(db, actor, id, recent),
    complaintResource.list(db, actor, id, recent),
    orderSummary(db, id, now),
    countContacts(db, id),
    countOpenComplaints(db, id),
  ]);
  return {
    customer,
    owner: owner ? { id: owner.id, name: owner.name, email: owner.email } : null,
    parent: parent ? { id: parent.id, externalId: parent.externalId, name: parent.name } : null,
    contacts: contactPage.items,
    recentOrders: orders.items,
    recentInteractions: interactions.items,
    recentSurveys: surveys.items,
    recentComplaints: complaintPage.items,
    summary: { ...orderFigures, contactCount, openComplaints },
  };
}
