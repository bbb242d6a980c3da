import { ERROR_STATUS, type ErrorCode } from '@writ/contracts';

/** The one error type of the API (docs/STYLE.md, "Documenso"); mapped to HTTP in one place, the global filter. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} does not exist`);
