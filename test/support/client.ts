// The API tests' client: callRoute's URL building and contract parsing, without throwing on a refusal, because
// refusals are what many tests assert. A success body is parsed by the route's contract (a body the contract does
// not describe fails the test); a refusal is the API's error body.
import {
  ApiError,
  type ApiErrorCode,
  type CallOptions,
  fetchRoute,
  type JsonRoute,
  type ProducingRoute,
  type RouteContract,
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
 * One answer. `body` (a success: typed by the route's contract, or the Response of a route that answers bytes) and
 * `error` (a refusal) are getters that throw when read on the other kind of answer, so a test that expected the
 * wrong one fails with the status and the API's message instead of reading undefined. They live on the prototype:
 * jest's equality ignores them.
 */
export class TestReply<T> {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly outcome: { data: T } | { refusal: RefusalBody },
    private readonly what: string,
  ) {}

  get body(): T {
    if ('data' in this.outcome) return this.outcome.data;
    const { code, message } = this.outcome.refusal;
    throw new Error(`${this.what} was refused (${this.status} ${code}: ${message}), not answered`);
  }

  get error(): RefusalBody {
    if ('refusal' in this.outcome) return this.outcome.refusal;
    throw new Error(`${this.what} answered ${this.status}, it was not refused`);
  }
}

type Sent<T> = { status: number; headers: Headers; data: T };

/** Runs `send` as `as`; an ApiError from the API itself becomes a refusal answer. */
async function answer<T>(
  t: Pick<TestApp, 'url'>,
  route: RouteContract,
  as: TestStaff | undefined,
  headers: Record<string, string> | undefined,
  send: (options: CallOptions) => Promise<Sent<T>>,
): Promise<TestReply<T>> {
  // The headers of a refusal too (Retry-After, …): ApiError carries only the body.
  let seen = new Headers();
  const recording: typeof fetch = async (url, init) => {
    const response = await fetch(url, init);
    seen = response.headers;
    return response;
  };
  const what = `${route.method.toUpperCase()} ${route.path}`;
  try {
    const sent = await send({
      baseUrl: t.url,
      headers: { ...(as ? { authorization: as.headers.authorization! } : {}), ...headers },
      fetch: recording,
    });
    return new TestReply<T>(sent.status, sent.headers, { data: sent.data }, what);
  } catch (error) {
    // Only the API's own refusals are answers; no answer, or one the contract does not describe, fails the test.
    if (!(error instanceof ApiError) || error.code === 'UNREACHABLE' || error.code === 'UNEXPECTED_RESPONSE')
      throw error;
    const refusal: RefusalBody = { code: error.code, message: error.message };
    if (error.details !== undefined) refusal.details = error.details;
    if (error.requestId !== undefined) refusal.requestId = error.requestId;
    return new TestReply<T>(error.status, seen, { refusal }, what);
  }
}

/** Calls a JSON route as `as` (a staff member's bearer token; nobody when omitted). */
export function callAs<const R extends JsonRoute>(
  t: Pick<TestApp, 'url'>,
  route: R,
  input: RouteInput<R>,
  as?: TestStaff,
  options: { headers?: Record<string, string> } = {},
): Promise<TestReply<RouteReply<R>['data']>> {
  return answer(t, route, as, options.headers, async (callOptions) => {
    const reply = await sendRoute(route, input, callOptions);
    return { status: reply.status, headers: reply.headers, data: reply.data as RouteReply<R>['data'] };
  });
}

/** Calls a route that answers bytes or text (`produces`) as `as`; `body` is the Response, unread. */
export function fetchAs<const R extends ProducingRoute>(
  t: Pick<TestApp, 'url'>,
  route: R,
  input: RouteInput<R>,
  as?: TestStaff,
  options: { headers?: Record<string, string> } = {},
): Promise<TestReply<Response>> {
  return answer(t, route, as, options.headers, async (callOptions) => {
    const response = await fetchRoute(route, input, callOptions);
    return { status: response.status, headers: response.headers, data: response };
  });
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
