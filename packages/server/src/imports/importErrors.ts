import { errorFactory } from '../app/featureErrors.js';

export type ImportErrorCode = 'IMPORT_NOT_FOUND' | 'IMPORT_FILE_MISSING' | 'IMPORT_FILE_TOO_LARGE';

export function importErrorStatus(code: ImportErrorCode): number {
  switch (code) {
    case 'IMPORT_NOT_FOUND':
      return 404;
    case 'IMPORT_FILE_MISSING':
      return 400;
    case 'IMPORT_FILE_TOO_LARGE':
      return 413;
  }
}

export const importError = errorFactory(importErrorStatus);
