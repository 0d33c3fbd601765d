import { z } from 'zod';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import { jsonRecord } from '../app/present.js';
import type { Feature } from '../app/routeTypes.js';
import { customerParams, isoOut, pageSchema } from '../app/schemas.js';
import { complaintSchema } from '../complaints/complaintSchemas.js';
import { contactSchema } from '../contacts/contactSchemas.js';
import { interactionSchema } from '../interactions/interactionSchemas.js';
import { orderSchema } from '../orders/orderSchemas.js';
import { surveySchema } from '../surveys/surveySchemas.js';
import { orgTimeZone } from '../time/OrgTimeZone.js';
import { customerDetail } from './customerDetail.js';
import { listCustomers } from './customerList.js';
import {
  createCustomerBody,
  customerListItemSchema,
  customerListQuery,
  customerSchema,
  presentCustomer,
  presentCustomerListItem,
  updateCustomerBody,
} from './customerSchemas.js';
import { createCustomer, deleteCustomer, updateCustomer } from './customerService.js';

const tags = ['customers'];

const customerDetailSchema = z
  .object({
    customer: customerSchema,
    owner: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
    parent: z.object({ id: z.number().int(), externalId: z.string(), name: z.string() }).nullable(),
    contacts: z.array(contactSchema),
    recentOrders: z.array(orderSchema).describe('Latest 20'),
    recentInteractions: z.array(interactionSchema).describe('Latest 20'),
    recentSurveys: z.array(surveySchema).describe('Latest 20'),
    recentComplaints: z.array(complaintSchema).describe('Latest 20'),
    summary: z.object({
      orderCount: z.number().int(),
      revenueLast12Months: z.string().describe('Decimal string'),
      lastOrderAt: z.string().nullable(),
      contactCount: z.number().int(),
      openComplaints: z.number().int(),
    }),
  })
  .describe('CustomerDetail');

export const customersFeature: Feature = {
  name: 'customers',
  register(app, { config, database }) {
    const { db } = database;

    app.get(
      '/customers',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Customers in your scope: filter, sort, keyset pages',
          querystring: customerListQuery,
          response: { 200: pageSchema(customerListItemSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const today = orgTimeZone(config.orgTimezone).localDate(Date.now());
        const { tiers, ...page } = await listCustomers(db, actorOf(request), request.query, today);
        return { ...page, items: page.items.map((row) => presentCustomerListItem(row, tiers.get(row.id))) };
      },
    );

    app.get(
      '/customers/:customerId',
      {
        config: { permission: 'customers:read' },
        schema: {
          tags,
          summary: 'Profile with contacts, latest orders, interactions, surveys, complaints and figures',
          params: customerParams,
          response: { 200: customerDetailSchema, ...standardErrorResponses },
        },
      },
      async (request) => {
        const detail = await customerDetail(db, actorOf(request), request.params.customerId, new Date());
        return {
          ...detail,
          customer: presentCustomer(detail.customer),
          contacts: detail.contacts.map(jsonRecord),
          recentOrders: detail.recentOrders.map(jsonRecord),
          recentInteractions: detail.recentInteractions.map(jsonRecord),
          recentSurveys: detail.recentSurveys.map(jsonRecord),
          recentComplaints: detail.recentComplaints.map(jsonRecord),
          summary: { ...detail.summary, lastOrderAt: isoOut(detail.summary.lastOrderAt) },
        };
      },
    );

    app.post(
      '/customers',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          summary: 'Create a customer (an account manager becomes its owner)',
          body: createCustomerBody,
          response: { 201: customerSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentCustomer(await createCustomer(db, actorOf(request), request.body))),
    );

    app.patch(
      '/customers/:customerId',
      {
        config: { permission: 'customers:write' },
        schema: {
          tags,
          params: customerParams,
          body: updateCustomerBody,
          response: { 200: customerSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentCustomer(await updateCustomer(db, actorOf(request), request.params.customerId, request.body)),
    );

    app.delete(
      '/customers/:customerId',
      {
        config: { permission: 'customers:delete' },
        schema: {
          tags,
          summary: 'Soft delete: hidden everywhere, history kept',
          params: customerParams,
          response: { 204: z.null().describe('Deleted'), ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        await deleteCustomer(db, actorOf(request), request.params.customerId);
        return reply.status(204).send(null);
      },
    );
  },
};
