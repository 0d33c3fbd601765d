import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/config.js';
import { importError } from './importErrors.js';

export interface SavedUpload {
  readonly path: string;
  /** The name the client gave the file. */
  readonly fileName: string;
}

export function uploadDirectory(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'uploads');
}

/**
 * Streams the request's one file part to a new file under `directory` (never into memory). More than
 * `maxMb` megabytes is refused with 413 and nothing is kept.
 */
export async function saveUpload(
  request: FastifyRequest,
  directory: string,
  maxMb: number,
): Promise<SavedUpload> {
  const part = request.isMultipart() ? await request.file() : undefined;
  if (!part)
    throw importError('IMPORT_FILE_MISSING', 'Send the file as multipart/form-data in a field named "file"');
  await fsp.mkdir(directory, { recursive: true });
  const extension = /\.xlsx$/i.test(part.filename) ? '.xlsx' : '.csv';
  const target = path.join(directory, `${crypto.randomUUID()}${extension}`);
  try {
    await pipeline(part.file, fs.createWriteStream(target));
    if (part.file.truncated) throw tooLarge(maxMb);
  } catch (error) {
    await fsp.rm(target, { force: true });
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge(maxMb);
    throw error;
  }
  return { path: target, fileName: path.basename(part.filename || 'upload.csv') };
}

function tooLarge(maxMb: number) {
  return importError(
    'IMPORT_FILE_TOO_LARGE',
    `The file is larger than the ${maxMb} MB upload limit (STRATUM_MAX_UPLOAD_MB)`,
  );
}
