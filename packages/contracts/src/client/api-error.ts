import { type ErrorCode, ERROR_STATUS } from '../errors.js';

/**
 * Codes the client adds to the API's own: the API could not be reached (no answer at all), or it answered
 * something that is not what the contract says (a success body that does not parse, or a refusal without the API's
 * error body, e.g. from a proxy in between).
 */
export type ClientErrorCode = 'UNREACHABLE' | 'UNEXPECTED_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

/** Whether `code` is one of the API's declared codes (as opposed to the client's). */
export function isApiCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}

/** A refusal, or no usable answer, from a route called with `callRoute`/`fetchRoute`. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    /** HTTP status; 0 when there was no answer. */
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
