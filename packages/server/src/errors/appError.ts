/**
 * The one error type services throw for anything the caller did wrong (or may not do). It carries a
 * typed code and the HTTP status its feature maps the code to; the API presents it as
 * `{ "error": { "code", "message", "details" } }` and the CLI prints the message and exits non-zero.
 * Anything else that escapes a service is a bug and becomes a 500 with a logged stack.
 */
export class AppError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export type CommonErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED';

export function commonErrorStatus(code: CommonErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
  }
}

export function commonError(
  code: CommonErrorCode,
  message: string,
  details?: unknown,
): AppError<CommonErrorCode> {
  return new AppError(code, commonErrorStatus(code), message, details);
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
