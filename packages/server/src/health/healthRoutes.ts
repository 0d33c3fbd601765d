import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Feature } from '../app/routeTypes.js';

export const STRATUM_VERSION: string = readVersion();

const healthSchema = z
  .object({
    status: z.enum(['ok', 'unavailable']),
    database: z.object({ mode: z.enum(['embedded', 'server']), reachable: z.boolean() }),
    version: z.string(),
    time: z.string(),
  })
  .describe('Health');

export const healthFeature: Feature = {
  name: 'health',
  register(app, { database }) {
    app.get(
      '/health',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['health'],
          summary: 'Liveness and database reachability (no sign-in needed)',
          response: { 200: healthSchema, 503: healthSchema },
        },
      },
      async (_request, reply) => {
        const reachable = await database.db
          .execute(sql`SELECT 1`)
          .then(() => true)
          .catch(() => false);
        return reply.status(reachable ? 200 : 503).send({
          status: reachable ? 'ok' : 'unavailable',
          database: { mode: database.mode, reachable },
          version: STRATUM_VERSION,
          time: new Date().toISOString(),
        });
      },
    );
  },
};

function readVersion(): string {
  try {
    const text = fs.readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8');
    const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.version : 'unknown';
  } catch {
    return 'unknown';
  }
}
