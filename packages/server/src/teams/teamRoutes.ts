import { z } from 'zod';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { standardErrorResponses } from '../app/errorResponse.js';
import { idSchema, isoOut, shortText } from '../app/schemas.js';
import { createTeam, getTeam, listTeams, updateTeam, type Team } from './teamService.js';

const tags = ['teams'];
const userId = z.string().min(1).max(100);

const teamSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    leadId: z.string().nullable(),
    memberIds: z.array(z.string()),
    createdAt: z.string(),
  })
  .describe('Team');

const teamParams = z.object({ teamId: idSchema });
const createTeamBody = z.object({
  name: shortText(),
  leadId: userId.nullable().optional(),
  memberIds: z.array(userId).max(1000).optional(),
});
const updateTeamBody = createTeamBody.partial().strict();

function presentTeam(team: Team): z.infer<typeof teamSchema> {
  return { ...team, createdAt: isoOut(team.createdAt) ?? '' };
}

export const teamsFeature: Feature = {
  name: 'teams',
  register(app, { database }) {
    const { db } = database;
    app.get(
      '/teams',
      {
        config: { permission: 'users:read' },
        schema: {
          tags,
          response: { 200: z.object({ items: z.array(teamSchema) }), ...standardErrorResponses },
        },
      },
      async () => ({ items: (await listTeams(db)).map(presentTeam) }),
    );
    app.get(
      '/teams/:teamId',
      {
        config: { permission: 'users:read' },
        schema: { tags, params: teamParams, response: { 200: teamSchema, ...standardErrorResponses } },
      },
      async (request) => presentTeam(await getTeam(db, request.params.teamId)),
    );
    app.post(
      '/teams',
      {
        config: { permission: 'users:manage' },
        schema: { tags, body: createTeamBody, response: { 201: teamSchema, ...standardErrorResponses } },
      },
      async (request, reply) =>
        reply.status(201).send(presentTeam(await createTeam(db, actorOf(request), request.body))),
    );
    app.patch(
      '/teams/:teamId',
      {
        config: { permission: 'users:manage' },
        schema: {
          tags,
          summary: 'Rename, set the lead (null: none) or set the exact member list',
          params: teamParams,
          body: updateTeamBody,
          response: { 200: teamSchema, ...standardErrorResponses },
        },
      },
      async (request) =>
        presentTeam(await updateTeam(db, actorOf(request), request.params.teamId, request.body)),
    );
  },
};
