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

/**
 * The features routes are grouped by in the OpenAPI document (its `tags`), each with the sentence a reader of the
 * generated docs sees. A route naming a tag that is not here does not compile.
 */
export const ROUTE_TAGS = {
  system: 'Whether the API and its database are up.',
  policy: 'The disclosure policy in force, and its hash, which every decision records.',
  'transparency log':
    'The public Merkle-tree log of every action: signed checkpoints, entries, inclusion and consistency proofs.',
  audit: 'Audit events with their receipts: the full record behind each public log entry.',
  auth: 'Logging in (password, then TOTP), the session, password changes and API tokens.',
  staff: 'Staff accounts and the proposed changes to them that a second admin approves (four eyes).',
  authorities: 'The registry of authorities that may send requests: their contact channels and signing keys.',
  documents: 'The orders and letters received with a request: upload and download, every read audited.',
  requests: 'Requests as received: intake, corrections, targets, the lifecycle, deadlines and gag orders.',
  verification: 'Checking that an order really comes from its authority: signatures and out-of-band confirmation.',
  decisions: 'What the policy engine releases or denies, target by target and category by category.',
  disclosures:
    'Disclosure packages: prepared from RELEASE decisions only, approved by a second person, signed, delivered once.',
  reports: 'Transparency reports (drafted, approved by a second admin, published immutable) and the warrant canary.',
} as const;
export type RouteTag = keyof typeof ROUTE_TAGS;

export interface RouteContract {
  /**
   * The OpenAPI operationId, so a generated client has `createRequest()` rather than `postRequests()`: the name
   * of the exported contract in lower camelCase, without a `Route` suffix (`CreateRequestRoute` →
   * `createRequest`). Clients are written against it, so it never changes once published.
   */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** OpenAPI-style path with {braces} for parameters. */
  readonly path: string;
  readonly summary: string;
  readonly tag: RouteTag;
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
