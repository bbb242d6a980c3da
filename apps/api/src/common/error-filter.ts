import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@writ/contracts';
import type { Request, Response } from 'express';
import { AppError } from './app-error.js';

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** Turns any thrown value into the one error shape. Unexpected errors are logged and answer 500 without internals. */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; unexpected: boolean } {
  if (error instanceof AppError) {
    return { status: error.status, body: body(error.code, error.message, error.details), unexpected: false };
  }
  // body-parser's errors (malformed JSON, oversized body) carry a `type`; they reach us before any controller.
  const parserError = error as { type?: string; status?: number; limit?: number };
  if (parserError?.type === 'entity.parse.failed') {
    return { status: 400, body: body('MALFORMED_JSON', 'The request body is not valid JSON.'), unexpected: false };
  }
  if (parserError?.type === 'entity.too.large') {
    const limit = parserError.limit ? ` The limit is ${parserError.limit} bytes.` : '';
    return {
      status: 413,
      body: body('PAYLOAD_TOO_LARGE', `The request body is too large.${limit}`),
      unexpected: false,
    };
  }
  if (parserError?.type === 'charset.unsupported' || parserError?.type === 'encoding.unsupported') {
    return {
      status: 415,
      body: body('UNSUPPORTED_MEDIA_TYPE', 'Send JSON as UTF-8, without a Content-Encoding.'),
      unexpected: false,
    };
  }
  // Any other client error body-parser reports (aborted or malformed request) is the client's, not ours.
  if (
    typeof parserError?.type === 'string' &&
    parserError.status &&
    parserError.status >= 400 &&
    parserError.status < 500
  ) {
    return { status: 400, body: body('VALIDATION_FAILED', 'The request body could not be read.'), unexpected: false };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = BY_STATUS[status];
    if (code) {
      const response = error.getResponse();
      const message = status === 404 ? 'No such route.' : typeof response === 'string' ? response : error.message;
      return { status, body: body(code, message), unexpected: false };
    }
  }
  return {
    status: 500,
    body: body('INTERNAL', 'Something went wrong on our side. Quote the request id when you report it.'),
    unexpected: true,
  };
}

function body(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    sendError(error, request, response, this.logger);
  }
}

export function sendError(
  error: unknown,
  request: Request & { id?: unknown },
  response: Response,
  logger: Pick<Logger, 'error'>,
): void {
  const { status, body, unexpected } = toErrorResponse(error);
  const requestId = request.id === undefined ? undefined : String(request.id);
  if (unexpected) logger.error({ err: error, requestId }, 'unhandled error');
  if (requestId) body.error.requestId = requestId;
  if (response.headersSent) {
    response.end();
    return;
  }
  response.status(status).json(body);
}
