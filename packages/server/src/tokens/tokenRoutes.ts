import { z } from 'zod';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { standardErrorResponses } from '../app/errorResponse.js';
import { idSchema, instantSchema, isoOut, shortText } from '../app/schemas.js';
import { createToken, listTokens, revokeToken, type ApiTokenRow } from './tokenService.js';

const tags = ['tokens'];

const tokenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    prefix: z.string().describe('First characters of the secret, to recognise it'),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .describe('ApiToken');

const createTokenBody = z.object({
  name: shortText(100),
  expiresAt: instantSchema.nullable().optional(),
});

function presentToken(row: ApiTokenRow): z.infer<typeof tokenSchema> {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: isoOut(row.createdAt) ?? '',
    expiresAt: isoOut(row.expiresAt),
    lastUsedAt: isoOut(row.lastUsedAt),
    revokedAt: isoOut(row.revokedAt),
  };
}

export const tokensFeature: Feature = {
  name: 'tokens',
  register(app, { database }) {
    const { db } = database;
    app.get(
      '/tokens',
      {
        config: { permission: 'tokens:manage' },
        schema: {
          tags,
          response: { 200: z.object({ items: z.array(tokenSchema) }), ...standardErrorResponses },
        },
      },
      async (request) => ({ items: (await listTokens(db, actorOf(request))).map(presentToken) }),
    );
    app.post(
      '/tokens',
      {
        config: { permission: 'tokens:manage' },
        schema: {
          tags,
          summary:
            'Create a token; the secret is in this response only. Send it as `Authorization: Bearer <secret>`.',
          body: createTokenBody,
          response: { 201: z.object({ token: tokenSchema, secret: z.string() }), ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const { token, secret } = await createToken(db, actorOf(request), request.body);
        return reply.status(201).send({ token: presentToken(token), secret });
      },
    );
    app.delete(
      '/tokens/:tokenId',
      {
        config: { permission: 'tokens:manage' },
        schema: {
          tags,
          summary: 'Revoke a token (it stops working at once)',
          params: z.object({ tokenId: idSchema }),
          response: { 200: tokenSchema, ...standardErrorResponses },
        },
      },
      async (request) => presentToken(await revokeToken(db, actorOf(request), request.params.tokenId)),
    );
  },
};
