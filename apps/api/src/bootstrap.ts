import { Logger as NestLogger, StandardSchemaValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { randomUUID } from 'node:crypto';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { DestinationStream } from 'pino';
import { AppModule, REQUEST_ID } from './app.module.js';
import { configureSessionCookie } from './auth/index.js';
import { AppError, sendError } from './common/index.js';
import type { Env } from './config/index.js';
import { createRootLogger, PinoNestLogger, requestLogging } from './logging/index.js';
import { mountApiDocs } from './openapi/index.js';

/** JSON bodies above this are refused before parsing; uploads have their own, larger limit. */
export const JSON_BODY_LIMIT = '256kb';

/** Builds the whole application; main.ts listens on it, the API tests too. */
export async function createApp(
  env: Env,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestExpressApplication> {
  const root = await createRootLogger(env, options.logDestination);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(new PinoNestLogger(root));
  if (env.TRUST_PROXY) app.set('trust proxy', 1);
  configureSessionCookie(env.COOKIE_SECURE ?? env.NODE_ENV === 'production');
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:'],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
        },
      },
    }),
  );
  app.enableCors({ origin: env.PORTAL_ORIGIN, credentials: true, exposedHeaders: ['x-request-id', 'etag'] });
  // The request id is fixed before anything else runs, so even a body-parser error can quote it.
  app.use((req: Request & { id?: string }, res: Response, next: NextFunction) => {
    const incoming = req.headers['x-request-id'];
    req.id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', req.id);
    next();
  });
  app.use(requestLogging(root));
  app.use(cookieParser());
  app.use(express.json({ limit: JSON_BODY_LIMIT, strict: true, type: ['application/json', 'application/*+json'] }));
  mountApiDocs(app.getHttpAdapter().getInstance() as express.Express, {
    idempotencyRetentionHours: env.IDEMPOTENCY_KEY_RETENTION_HOURS,
  });
  app.useGlobalPipes(
    new StandardSchemaValidationPipe({
      exceptionFactory: (issues) =>
        new AppError(
          'VALIDATION_FAILED',
          issues
            .slice(0, 10)
            .map(
              (issue) =>
                `${issue.path?.length ? `${issue.path.map((p) => (typeof p === 'object' ? p.key : p)).join('.')}: ` : ''}${issue.message}`,
            )
            .join('; '),
          {
            issues: issues.map((issue) => ({
              path: issue.path?.map((p) => (typeof p === 'object' ? p.key : p)) ?? [],
              message: issue.message,
            })),
          },
        ),
    }),
  );
  // Errors raised by Express middleware (body parsing) never reach Nest's filters; give them the same shape.
  const logger = new NestLogger('Http');
  app.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (!error) return next();
    sendError(error, req, res, logger);
  });
  app.enableShutdownHooks();
  return app;
}
