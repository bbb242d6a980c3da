import type { z } from 'zod';
import type { StaffRole } from './domain.js';

/**
 * One contract per endpoint (docs/STYLE.md, "Teable"): the API controller, the OpenAPI document, the portal and the
 * tests all import the same object, so they cannot drift apart. `access` is mandatory: a route without an explicit
 * decision about who may call it does not compile.
 */
export type Access =
  | { readonly public: true }
  | {
      readonly roles: readonly StaffRole[];
      /**
       * 'pre-mfa': the interactive login steps (second factor, enrolment, logout). They take only a session cookie,
       * also one that has passed the password but not yet the second factor; API tokens are refused. Every other
       * route refuses such a half-open session (SECOND_FACTOR_REQUIRED).
       * 'interactive': a person at the keyboard, i.e. a full session (after the second factor); API tokens are
       * refused (INTERACTIVE_SESSION_REQUIRED), so a leaked token cannot mint more tokens or change a password.
       * Both refuse tokens with INTERACTIVE_SESSION_REQUIRED.
       */
      readonly session?: 'pre-mfa' | 'interactive';
      /**
       * true: also open to a session whose password an admin chose (a new account, or after a reset), which must
       * change it before anything else. Every other route answers such a session PASSWORD_CHANGE_REQUIRED.
       * The login steps ('pre-mfa') are always open to it.
       */
      readonly duringPasswordChange?: true;
    };

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteContract {
  readonly method: HttpMethod;
  /** OpenAPI-style path with {braces} for parameters. */
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: Access;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /**
   * A multipart/form-data request body (uploads), which cannot be a zod `body`: `fields` describes the text
   * fields (the handler validates them with it), `files` the file parts, each required or not.
   */
  readonly multipart?: {
    readonly fields: z.ZodType;
    readonly files: Readonly<Record<string, { readonly required: boolean; readonly description: string }>>;
  };
  /** JSON response body. Routes that answer text or bytes set `produces` and describe the body there. */
  readonly response?: z.ZodType;
  readonly produces?: 'text/plain' | 'application/octet-stream' | 'text/csv' | 'text/html' | 'multipart';
  /** Success status; 200 unless said otherwise. */
  readonly status?: 200 | 201 | 202 | 204;
  /**
   * A second success answer: 202 Accepted with this body when the change was not made but proposed, and waits for
   * another admin's approval (four eyes); `response` with `status` when it took effect at once.
   */
  readonly accepted?: z.ZodType;
  /** Error codes this route can answer with beyond the generic ones, for the docs. */
  readonly errors?: readonly string[];
  /** Set on state-changing routes that honour an Idempotency-Key header. */
  readonly idempotent?: boolean;
}

export function defineRoute<const R extends RouteContract>(route: R): R {
  return route;
}

/** `/requests/{id}` → `/requests/:id`, the Express form Nest uses. */
export function expressPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** Fill an OpenAPI-style path with values, for clients. */
export function buildPath(path: string, params: Record<string, string | number> = {}): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`missing path parameter "${key}" for ${path}`);
    return encodeURIComponent(String(value));
  });
}
