import { AppError } from '../errors/appError.js';

/**
 * Builds a feature's error constructor from its exhaustive code → status switch, so a feature declares
 * `type XErrorCode = …` and `function xErrorStatus(code: XErrorCode): number { switch … }` and nothing else.
 */
export function errorFactory<Code extends string>(
  statusOf: (code: Code) => number,
): (code: Code, message: string, details?: unknown) => AppError<Code> {
  return (code, message, details) => new AppError(code, statusOf(code), message, details);
}
