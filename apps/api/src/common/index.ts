// Pieces every feature builds on: the one error type, the route decorator, reply helpers, cursors, sweepers.
export { AppError, notFound } from './app-error.js';
export { BatchSweeper } from './batch-sweeper.js';
export { ErrorFilter, sendError, toErrorResponse } from './error-filter.js';
export { bigintCursor, cursorText, keysetCursor } from './keyset-cursor.js';
export { repeatInBackground } from './repeat-in-background.js';
export { Proposed, replyWithOutcome } from './reply.js';
export { ResponseValidationInterceptor } from './response-validation.interceptor.js';
export { ROUTE_CONTRACT, Route } from './route.decorator.js';
export { sha256Hex } from './sha256.js';
