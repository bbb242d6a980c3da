import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Level, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Env } from '../config/index.js';

/** Secrets never reach the logs: credentials in headers, in either direction. */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export type LogFormat = 'json' | 'pretty';

/**
 * JSON lines (one object per line) for machines, or pino-pretty's readable lines for a person at a terminal.
 * LOG_FORMAT decides when set; otherwise readable only in development with stdout on a terminal, so production,
 * containers, pipes and tests get JSON without asking for it.
 */
export function logFormat(env: Pick<Env, 'LOG_FORMAT' | 'NODE_ENV'>, stdoutIsTerminal: boolean): LogFormat {
  return env.LOG_FORMAT ?? (env.NODE_ENV === 'development' && stdoutIsTerminal ? 'pretty' : 'json');
}

/**
 * The one pino logger of the process; `destination` is for tests that read what was logged. The readable format
 * needs pino-pretty, a development dependency: it is loaded only when asked for.
 */
export async function createRootLogger(
  env: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT' | 'NODE_ENV'>,
  destination?: DestinationStream,
): Promise<Logger> {
  const options = { level: env.LOG_LEVEL, redact: { paths: REDACT, censor: '[redacted]' } };
  if (logFormat(env, process.stdout.isTTY === true) === 'pretty') {
    return pino(options, await prettyStream(destination));
  }
  return destination ? pino(options, destination) : pino(options);
}

async function prettyStream(destination?: DestinationStream): Promise<DestinationStream> {
  let pretty: typeof import('pino-pretty').build;
  try {
    pretty = (await import('pino-pretty')).build;
  } catch {
    throw new Error('LOG_FORMAT=pretty needs the pino-pretty package (a development dependency); use LOG_FORMAT=json');
  }
  return pretty({
    destination: destination ?? 1,
    // Synchronous, so `npm start`'s banner, printed once the API answers, comes after every line before it.
    sync: true,
    colorize: destination === undefined && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,context,req,res,responseTime',
    messageFormat: readableMessage,
  });
}

/** "[Context] message", and a request as "GET /path 200 12 ms": what a person scans for. */
function readableMessage(log: Record<string, unknown>, messageKey: string): string {
  const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
  const req = log.req as { method?: string; url?: string; id?: string } | undefined;
  const res = log.res as { statusCode?: number } | undefined;
  if (req && res) {
    const time = typeof log.responseTime === 'number' ? ` ${log.responseTime} ms` : '';
    return `${context}${req.method} ${req.url} ${res.statusCode}${time} (request ${req.id})`;
  }
  return `${context}${String(log[messageKey] ?? '')}`;
}

/**
 * One line per request, with the id bootstrap.ts assigned. Plain pino-http as Express middleware: nestjs-pino
 * would also bind a per-request logger through AsyncLocalStorage, and on Node 20 that switches on promise hooks
 * for every promise of every request, a sixth of the API's CPU at intake (bench/intake.bench.ts). The lines that
 * need a request's id (error-filter.ts) carry it themselves.
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    // bootstrap.ts has set it before this runs: logs and error bodies quote the same id.
    genReqId: (req) => (req as unknown as { id: string }).id,
    // Query strings can carry case numbers and names (search): log the path only.
    serializers: {
      req: (req: { method: string; url: string; id: unknown }) => ({
        id: req.id,
        method: req.method,
        // A package download's path holds its one-time token: log that it was asked for, not the token.
        url: req.url.split('?')[0]!.replace(/^\/disclosure-downloads\/[^/]*/, '/disclosure-downloads/[token]'),
      }),
    },
    autoLogging: { ignore: (req) => req.url === '/health' },
  });
}

/**
 * Nest's start-up inventory: a line per module initialised and per route mapped (about a hundred). Useful when
 * debugging the wiring (LOG_LEVEL=debug), noise at every start otherwise.
 */
const CHATTY = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * Nest's Logger on top of pino. Nest appends the logger's context as the last argument; the first may be a message
 * or, pino-style, an object of fields followed by the message (`logger.error({ err, requestId }, 'unhandled')`).
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write(
      typeof params.at(-1) === 'string' && CHATTY.has(params.at(-1) as string) ? 'debug' : 'info',
      message,
      params,
    );
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const rest = params.filter((param) => param !== undefined);
    const context = rest.length > 0 && typeof rest.at(-1) === 'string' ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (message instanceof Error) {
      this.pino[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ ...fields, ...message }, typeof rest[0] === 'string' ? rest[0] : undefined);
    } else {
      // Nest's own error(message, stack, context): the stack is the string left between message and context.
      if (level === 'error' && typeof rest[0] === 'string') fields.stack = rest[0];
      this.pino[level](fields, String(message));
    }
  }
}
