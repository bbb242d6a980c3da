// The process's pino logger, Nest's logger on top of it, and the per-request log line.
export { createRootLogger, logFormat, type LogFormat, PinoNestLogger, requestLogging } from './logging.js';
