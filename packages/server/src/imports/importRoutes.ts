import fs from 'node:fs/promises';
import multipart from '@fastify/multipart';
import { standardErrorResponses, errorResponseSchema } from '../app/errorResponse.js';
import { actorOf } from '../app/permissionGuard.js';
import type { Feature } from '../app/routeTypes.js';
import { listQuery, pageSchema } from '../app/schemas.js';
import { getImport, listImportErrors, listImports } from './importQueries.js';
import {
  importAcceptedSchema,
  importEntityParams,
  importIdParams,
  importIssueSchema,
  importSchema,
  importUploadQuery,
  presentImport,
  presentIssue,
} from './importSchemas.js';
import { failQueuedImport, queueImport } from './importService.js';
import { saveUpload, uploadDirectory } from './importUpload.js';
import { IMPORT_QUEUE, importJob } from './importWorker.js';

const tags = ['imports'];

/**
 * Imports over HTTP: the upload is streamed to disk under the data directory (at most
 * config.maxUploadMb, else 413), recorded as a queued import and handed to the job queue, and the
 * request answers 202 at once; the client follows progress at /imports/{id}. The job queue comes from the
 * feature context because the app owns its lifetime (see jobs/startJobs.ts); a worker must run
 * `registerImportWorker` (startServer does).
 */
export const importsFeature: Feature = {
  name: 'imports',
  async register(app, { config, database, jobs }) {
    await app.register(multipart, { limits: { fileSize: config.maxUploadMb * 2 ** 20, files: 1 } });

    app.post(
      '/imports/:entity',
      {
        config: { permission: 'imports:run' },
        schema: {
          tags,
          summary: 'Upload a CSV or XLSX file (multipart field "file") to import; runs as a background job',
          consumes: ['multipart/form-data'],
          params: importEntityParams,
          querystring: importUploadQuery,
          response: { 202: importAcceptedSchema, 413: errorResponseSchema, ...standardErrorResponses },
        },
      },
      async (request, reply) => {
        const actor = actorOf(request);
        const { entity } = request.params;
        const upload = await saveUpload(request, uploadDirectory(config), config.maxUploadMb);
        let id: number | undefined;
        try {
          id = await queueImport(database, actor, {
            entity,
            filePath: upload.path,
            fileName: upload.fileName,
            ...(request.query.format ? { format: request.query.format } : {}),
            encoding: request.query.encoding ?? 'auto',
            skipInvalid: request.query.skipInvalid ?? false,
            ownedUpload: true,
          });
          await jobs.enqueue(IMPORT_QUEUE, importJob(id, actor));
        } catch (error) {
          if (id !== undefined) await failQueuedImport(database, id, error);
          await fs.rm(upload.path, { force: true });
          throw error;
        }
        return reply
          .status(202)
          .header('location', `/api/v1/imports/${id}`)
          .send({ id, status: 'queued' as const, entity });
      },
    );

    app.get(
      '/imports',
      {
        config: { permission: 'imports:run' },
        schema: {
          tags,
          summary: 'Imports, newest first (an account manager sees their own)',
          querystring: listQuery,
          response: { 200: pageSchema(importSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listImports(database.db, actorOf(request), request.query);
        return { items: page.items.map(presentImport), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/imports/:id',
      {
        config: { permission: 'imports:run' },
        schema: {
          tags,
          summary: 'Status, progress, counts and the first rejected rows of an import',
          params: importIdParams,
          response: { 200: importSchema, ...standardErrorResponses },
        },
      },
      async (request) => presentImport(await getImport(database.db, actorOf(request), request.params.id)),
    );

    app.get(
      '/imports/:id/errors',
      {
        config: { permission: 'imports:run' },
        schema: {
          tags,
          summary: 'Every rejected row of an import, in line order (line, column, value, code, message)',
          params: importIdParams,
          querystring: listQuery,
          response: { 200: pageSchema(importIssueSchema), ...standardErrorResponses },
        },
      },
      async (request) => {
        const page = await listImportErrors(database.db, actorOf(request), request.params.id, request.query);
        return { items: page.items.map(presentIssue), nextCursor: page.nextCursor };
      },
    );
  },
};
