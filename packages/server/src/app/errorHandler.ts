import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, commonError, isAppError } from '../errors/appError.js';
import type { ErrorResponse } from './errorResponse.js';

/**
 * Turns anything thrown by a route into DESIGN §7's envelope. Bad input always ends as a 4xx: schema
 * failures (400 with every path and problem), malformed bodies, size and media-type errors from Fastify,
 * and the database constraints that only bad input can trip (unique → 409 with the field). Everything
 * else is a bug: logged with its stack, answered 500 without internals.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const appError = toAppError(error);
  if (appError) {
    if (appError.status >= 500) request.log.error({ err: error }, appError.message);
    void reply.status(appError.status).send(envelope(appError));
    return;
  }
  request.log.error({ err: error }, 'unhandled error');
  void reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal server error' } });
}

export function envelope(error: AppError): ErrorResponse {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply
    .status(404)
    .send(
      envelope(commonError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`)),
    );
}

function toAppError(error: FastifyError): AppError | null {
  if (isAppError(error)) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = error.validationContext ?? 'request';
    const issues = error.validation as unknown as readonly { instancePath: string; message?: string }[];
    const details = issues.map((issue) => ({
      in: where,
      path: issue.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: issue.message ?? 'is invalid',
    }));
    const first = details[0];
    const summary = first ? `${where}${first.path ? `.${first.path}` : ''}: ${first.message}` : where;
    return commonError('VALIDATION_FAILED', `Invalid ${summary}`, details);
  }
  const database = databaseError(error);
  if (database) return database;
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return commonError('PAYLOAD_TOO_LARGE', 'Request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      if (error.statusCode === 415)
        return commonError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type; send JSON');
      break;
  }
  if (error.statusCode === 415)
    return commonError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported content type; send JSON');
  if (error.statusCode === 413) return commonError('PAYLOAD_TOO_LARGE', 'Request body is too large');
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return new AppError('MALFORMED_BODY', 400, `Request body is not valid JSON: ${error.message}`);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('BAD_REQUEST', error.statusCode, error.message);
  }
  return null;
}

/** Field names for the unique constraints a client can violate. */
const UNIQUE_FIELDS: Record<string, string> = {
  customers_external_id_uq: 'externalId',
  contacts_external_uq: 'externalId',
  orders_external_uq: 'externalId',
  interactions_external_uq: 'externalId',
  surveys_external_uq: 'externalId',
  complaints_external_uq: 'externalId',
  referrals_external_uq: 'externalId',
  users_email_lower_uq: 'email',
  teams_name_unique: 'name',
};

interface PgError {
  code: string;
  constraint?: string;
}

function pgErrorOf(error: unknown): PgError | null {
  // drizzle wraps driver errors; the PostgreSQL error is the cause.
  for (let current: unknown = error, depth = 0; current && depth < 4; depth++) {
    if (typeof current === 'object' && 'code' in current && 'severity' in current) {
      const { code, constraint } = current as { code: unknown; constraint?: unknown };
      if (typeof code === 'string')
        return { code, ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** Database errors only bad input can cause. A 23505 is a conflict; the others are the safety net under zod. */
function databaseError(error: unknown): AppError | null {
  const pg = pgErrorOf(error);
  if (!pg) return null;
  switch (pg.code) {
    case '23505': {
      const field = pg.constraint ? UNIQUE_FIELDS[pg.constraint] : undefined;
      return commonError(
        'CONFLICT',
        field ? `${field} is already in use` : 'A record with these values exists',
        {
          field: field ?? null,
        },
      );
    }
    case '23514': // check constraint
    case '22003': // numeric out of range
    case '22001': // string too long
    case '22P02': // invalid text representation
    case '22007': // invalid datetime format
    case '22008': // datetime out of range
      return commonError('VALIDATION_FAILED', 'A value is out of the accepted range');
    default:
      return null;
  }
}
