// Domain errors. Logic throws these; the HTTP layer maps them to RFC 9457 problem details once,
// and the CLI prints them in words with a non-zero exit.

/** One problem with one input: `line` for file rows, `field` for the column or property, `reason` in words. */
export interface Issue {
  line?: number;
  field: string;
  value?: unknown;
  reason: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly type: string;
  abstract readonly title: string;
}

export class NotFoundError extends AppError {
  readonly status = 404;
  readonly type = 'not-found';
  readonly title = 'Not found';
}

export class ValidationError extends AppError {
  readonly status = 400;
  readonly type = 'validation';
  readonly title = 'Invalid input';
  constructor(
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

export class ConflictError extends AppError {
  readonly status = 409;
  readonly type = 'conflict';
  readonly title = 'Conflict';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly type = 'unauthorized';
  readonly title = 'Authentication required';
}

export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly type = 'forbidden';
  readonly title = 'Forbidden';
}

/** The embedded database folder is held by another process. */
export class DatabaseBusyError extends AppError {
  readonly status = 503;
  readonly type = 'database-busy';
  readonly title = 'Database in use';
}
