// The API tests' client: callRoute's URL building and contract parsing, without throwing on a refusal, because
// refusals are what many tests assert. A success body is parsed by the route's contract (a body the contract does
// not describe fails the test); a refusal is the API's error body.
import {
  ApiError,
  type ApiErrorCode,
  type JsonRoute,
  type RouteInput,
  type RouteReply,
  sendRoute,
} from '@writ/contracts';
import type { TestStaff } from './auth';
import type { TestApp } from './test-app';

export interface RefusalBody {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}

/**
 * One answer. `body` (a success, typed by the route's contract) and `error` (a refusal) are getters that throw
 * when read on the other kind of answer, so a test that expected the wrong one fails with the status and the
 * API's message instead of reading undefined. They live on the prototype: jest's equality ignores them.
 */
export class TestReply<R extends JsonRoute> {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly outcome: { data: unknown } | { refusal: RefusalBody },
    private readonly what: string,
  ) {}

  get body(): RouteReply<R>['data'] {
    if ('data' in this.outcome) return this.outcome.data as RouteReply<R>['data'];
    const { code, message } = this.outcome.refusal;
    throw new Error(`${this.what} was refused (${this.status} ${code}: ${message}), not answered`);
  }

  get error(): RefusalBody {
    if ('refusal' in this.outcome) return this.outcome.refusal;
    throw new Error(`${this.what} answered ${this.status}, it was not refused`);
  }
}

/** Calls `route` as `as` (a staff member's bearer token; nobody when omitted). */
export async function callAs<const R extends JsonRoute>(
  t: Pick<TestApp, 'url'>,
  route: R,
  input: RouteInput<R>,
  as?: TestStaff,
  options: { headers?: Record<string, string> } = {},
): Promise<TestReply<R>> {
  // The headers of a refusal too (Retry-After, …): ApiError carries only the body.
  let headers = new Headers();
  const recording: typeof fetch = async (url, init) => {
    const response = await fetch(url, init);
    headers = response.headers;
    return response;
  };
  const what = `${route.method.toUpperCase()} ${route.path}`;
  try {
    const reply = await sendRoute(route, input, {
      baseUrl: t.url,
      headers: { ...(as ? { authorization: as.headers.authorization! } : {}), ...options.headers },
      fetch: recording,
    });
    return new TestReply<R>(reply.status, reply.headers, { data: reply.data as RouteReply<R>['data'] }, what);
  } catch (error) {
    // Only the API's own refusals are answers; no answer, or one the contract does not describe, fails the test.
    if (!(error instanceof ApiError) || error.code === 'UNREACHABLE' || error.code === 'UNEXPECTED_RESPONSE')
      throw error;
    const refusal: RefusalBody = { code: error.code, message: error.message };
    if (error.details !== undefined) refusal.details = error.details;
    if (error.requestId !== undefined) refusal.requestId = error.requestId;
    return new TestReply<R>(error.status, headers, { refusal }, what);
  }
}

/** Calls `route` as `as` and returns the success body; anything else fails the test with the API's words. */
export async function okAs<const R extends JsonRoute>(
  t: Pick<TestApp, 'url'>,
  route: R,
  input: RouteInput<R>,
  as?: TestStaff,
  options: { headers?: Record<string, string> } = {},
): Promise<RouteReply<R>['data']> {
  return (await callAs(t, route, input, as, options)).body;
}
