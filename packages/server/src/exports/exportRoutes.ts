import { z } from 'zod';
import { IMPORT_ENTITIES } from '@stratum/db';
import { standardErrorResponses } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { orgTimeZone } from '../time/OrgTimeZone.js';
import { exportEntity } from './exportService.js';
import { registerGradeExport } from './gradeExportRoute.js';

const exportParams = z.object({ entity: z.enum(IMPORT_ENTITIES) });
const exportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  headers: z.enum(['en', 'zh']).default('en').describe('Header language; both re-import'),
});

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/**
 * Downloads an entity in the import format (CSV in UTF-8 with BOM, or XLSX), streamed from the
 * database in constant memory. The caller's data scope is applied in the query: an account manager
 * gets only the customers they own and what belongs to them.
 */
export const exportsFeature: Feature = {
  name: 'exports',
  register(app, { config, database }) {
    registerGradeExport(app, config, database);
    app.get(
      '/exports/:entity',
      {
        config: { permission: 'exports:run' },
        schema: {
          tags: ['exports'],
          summary: 'Export customers, orders, contacts … as CSV or XLSX in the import format',
          params: exportParams,
          querystring: exportQuery,
          produces: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
          response: { 200: z.any().describe('The file'), ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const { entity } = request.params;
        const { format, headers } = request.query;
        const { stream } = await exportEntity(database, config, actorOf(request), {
          entity,
          format,
          headers,
        });
        const day = orgTimeZone(config.orgTimezone).localDate(Date.now()).replace(/-/g, '');
        return reply
          .header('content-type', CONTENT_TYPES[format])
          .header('content-disposition', `attachment; filename="${entity}-${day}.${format}"`)
          .send(stream);
      },
    );
  },
};
