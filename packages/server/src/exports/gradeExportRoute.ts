import { z } from 'zod';
import type { Database } from '@stratum/db';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { App } from '../app/routeTypes.js';
import type { Config } from '../config/config.js';
import { runSelectorSchema } from '../grades/gradeSchemas.js';
import { orgTimeZone } from '../time/OrgTimeZone.js';
import { exportGrades } from './gradeExport.js';

const gradeExportQuery = z.object({
  run: runSelectorSchema,
  format: z.enum(['csv', 'xlsx']).default('csv'),
  headers: z.enum(['en', 'zh']).default('en').describe('Header language (and of the churn reasons)'),
});

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * GET /exports/grades: the grades of a run (or the current grades) with the columns of DESIGN §9, as a
 * streamed CSV or XLSX download, limited to the caller's customers. Registered before /exports/:entity,
 * which it shadows for the name `grades`.
 */
export function registerGradeExport(app: App, config: Config, database: Database): void {
  app.get(
    '/exports/grades',
    {
      config: { permission: 'exports:run' },
      schema: {
        tags: ['exports'],
        summary: 'Export grades (current, or of one run) as CSV or XLSX',
        querystring: gradeExportQuery,
        produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
        response: { 200: z.any().describe('The file'), ...standardErrorResponses },
      },
    },
    async (request, reply) => {
      const { run, format, headers } = request.query;
      const { stream, runs } = await exportGrades(database, actorOf(request), { run, format, headers });
      const which = run === 'latest' ? 'current' : `run-${runs[0]?.id ?? run}`;
      const day = orgTimeZone(config.orgTimezone).localDate(Date.now()).replace(/-/g, '');
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="grades-${which}-${day}.${format}"`)
        .send(stream);
    },
  );
}
