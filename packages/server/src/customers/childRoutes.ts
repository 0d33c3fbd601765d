import { z } from 'zod';
import type { Db } from '@stratum/db';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { App, Feature } from '../app/routeTypes.js';
import { jsonRecord } from '../app/present.js';
import {
  customerChildParams,
  customerParams,
  instantSchema,
  limitSchema,
  pageSchema,
} from '../app/schemas.js';
import type { ChildResource, ChildTable } from './childResource.js';

export interface ChildRoutesOptions<T extends ChildTable, Out> {
  /** URL segment under /customers/:customerId, e.g. 'orders'. */
  readonly path: string;
  readonly resource: ChildResource<T>;
  readonly item: z.ZodType<Out, Out>;
  readonly present: (row: T['$inferSelect']) => Out;
  readonly createBody: z.ZodType<Partial<T['$inferInsert']>>;
  readonly updateBody: z.ZodType<Partial<T['$inferInsert']>>;
}

const childListQuery = z.object({
  limit: limitSchema,
  cursor: z.string().max(2000).optional().describe('nextCursor of the previous page'),
  from: instantSchema.optional().describe('Only records at or after this time'),
  to: instantSchema.optional().describe('Only records before this time'),
});

/**
 * The five routes of a customer's records (list newest first with a keyset cursor, get, create, update,
 * delete) under /customers/:customerId/<path>. Reading needs activity:read, changing activity:write; the
 * resource applies the data scope, so another manager's customer answers 404.
 */
export function registerChildRoutes<T extends ChildTable, Out>(
  app: App,
  db: Db,
  options: ChildRoutesOptions<T, Out>,
): void {
  // The type provider cannot resolve a generic schema's types (hence the casts); the schemas still validate
  // every body and serialise every response.
  type Values = Partial<T['$inferInsert']>;
  const item: z.ZodType = options.item;
  const { resource, present } = options;
  const base = `/customers/:customerId/${options.path}`;
  const tags = [options.path];
  const entity = resource.spec.entity;

  app.get(
    base,
    {
      config: { permission: 'activity:read' },
      schema: {
        tags,
        summary: `List a customer's ${options.path}, newest first`,
        params: customerParams,
        querystring: childListQuery,
        response: { 200: pageSchema(item), ...standardErrorResponses },
      },
    },
    async (request) => {
      const page = await resource.list(db, actorOf(request), request.params.customerId, request.query);
      return { items: page.items.map(present), nextCursor: page.nextCursor };
    },
  );

  app.get(
    `${base}/:id`,
    {
      config: { permission: 'activity:read' },
      schema: { tags, params: customerChildParams, response: { 200: item, ...standardErrorResponses } },
    },
    async (request, reply) => {
      const row = await resource.get(db, actorOf(request), request.params.customerId, request.params.id);
      await reply.send(present(row));
    },
  );

  app.post(
    base,
    {
      config: { permission: 'activity:write' },
      schema: {
        tags,
        summary: `Add a ${entity} (externalId generated when omitted)`,
        params: customerParams,
        body: options.createBody,
        response: { 201: item, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const row = await resource.create(
        db,
        actorOf(request),
        request.params.customerId,
        request.body as Values,
      );
      await reply.status(201).send(present(row));
    },
  );

  app.patch(
    `${base}/:id`,
    {
      config: { permission: 'activity:write' },
      schema: {
        tags,
        params: customerChildParams,
        body: options.updateBody,
        response: { 200: item, ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const { customerId, id } = request.params;
      const row = await resource.update(db, actorOf(request), customerId, id, request.body as Values);
      await reply.send(present(row));
    },
  );

  app.delete(
    `${base}/:id`,
    {
      config: { permission: 'activity:write' },
      schema: {
        tags,
        params: customerChildParams,
        response: { 204: z.null().describe('Deleted'), ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      await resource.remove(db, actorOf(request), request.params.customerId, request.params.id);
      return reply.status(204).send(null);
    },
  );
}

/** A feature made of one customer-scoped resource's routes; rows are presented as JSON (dates as ISO strings). */
export function childFeature<T extends ChildTable>(
  options: Omit<ChildRoutesOptions<T, unknown>, 'present' | 'item'> & { readonly item: z.ZodType },
): Feature {
  return {
    name: options.path,
    register(app, { database }) {
      registerChildRoutes(app, database.db, { ...options, present: jsonRecord });
    },
  };
}
