import { z } from 'zod';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { standardErrorResponses } from '../app/errorResponse.js';
import { decodeCursor, encodeCursor } from '../app/cursor.js';
import { pageSchema } from '../app/schemas.js';
import {
  createdUserSchema,
  createUserBody,
  presentUser,
  updateUserBody,
  userIdParams,
  userListQuery,
  userSchema,
} from './userSchemas.js';
import { createUser, getUser, listUsers, updateUser } from './userService.js';

const tags = ['users'];

export const usersFeature: Feature = {
  name: 'users',
  register(app, { database }) {
    const { db } = database;

    app.get(
      '/users',
      {
        config: { permission: 'users:read' },
        schema: {
          tags,
          querystring: userListQuery,
          response: { 200: pageSchema(userSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const { cursor, ...query } = request.query;
        const after = cursor ? decodeCursor(cursor)[0] : undefined;
        const rows = await listUsers(db, {
          ...query,
          limit: query.limit + 1,
          after: typeof after === 'string' ? after : undefined,
        });
        const page = rows.slice(0, query.limit);
        const last = page.at(-1);
        return {
          items: page.map(presentUser),
          nextCursor: rows.length > query.limit && last ? encodeCursor([last.email]) : null,
        };
      },
    );

    app.get(
      '/users/me',
      {
        config: { permission: 'users:read' },
        schema: {
          tags,
          summary: 'The signed-in user and what their role may do',
          response: { 200: userSchema.extend({ isTeamLead: z.boolean() }), ...standardErrorResponses },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const user = await getUser(db, actor.userId ?? '');
        return { ...presentUser(user), isTeamLead: actor.isTeamLead };
      },
    );

    app.get(
      '/users/:userId',
      {
        config: { permission: 'users:read' },
        schema: { tags, params: userIdParams, response: { 200: userSchema, ...standardErrorResponses } },
      },
      async (request) => presentUser(await getUser(db, request.params.userId)),
    );

    app.post(
      '/users',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags,
          body: createUserBody,
          response: { 201: createdUserSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const { user, generatedPassword } = await createUser(db, actorOf(request), request.body);
        return reply.status(201).send({ user: presentUser(user), password: generatedPassword });
      },
    );

    app.patch(
      '/users/:userId',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags,
          params: userIdParams,
          body: updateUserBody,
          response: { 200: userSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentUser(await updateUser(db, actorOf(request), request.params.userId, request.body)),
    );

    app.post(
      '/users/:userId/deactivate',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags,
          summary: 'Deactivate: signs the user out; their sessions and API tokens stop working',
          params: userIdParams,
          response: { 200: userSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentUser(await updateUser(db, actorOf(request), request.params.userId, { active: false })),
    );
  },
};
