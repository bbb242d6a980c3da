import { z } from 'zod';
import type { RouteContract } from '../route.js';
import { ApiError, isApiCode } from './api-error.js';
import type { CallOptions, JsonRoute, RouteInput, RouteReply } from './route-types.js';
import { routeUrl } from './route-url.js';

// The one place a client talks HTTP to the API: callRoute, sendRoute and fetchRoute differ only in what they make
// of a successful answer.

/**
 * The error body read leniently: a refusal is reported with the API's words even if this client is older than the
 * API and does not know its code (ErrorBody in errors.ts would refuse the whole body then).
 */
const LooseErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
    requestId: z.string().optional(),
  }),
});

/** Sends the request; a 2xx answer is returned unread, anything else becomes an ApiError. */
export async function sendRequest(
  route: RouteContract,
  input: { params?: unknown; query?: unknown; body?: unknown },
  options: CallOptions,
): Promise<Response> {
  const url = routeUrl(route, input, options.baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (input.body !== undefined) headers['content-type'] = 'application/json';
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(url, {
      method: route.method.toUpperCase(),
      headers,
      body: input.body === undefined ? undefined : JSON.stringify(input.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    // The caller's own cancellation is not the API's fault: let it through as the AbortError it is.
    if (options.signal?.aborted) throw cause;
    throw new ApiError(
      0,
      'UNREACHABLE',
      `${route.method.toUpperCase()} ${url}: the API cannot be reached`,
      undefined,
      undefined,
      {
        cause,
      },
    );
  }
  if (!response.ok) throw await refusal(response, route, url);
  return response;
}

async function refusal(response: Response, route: RouteContract, url: string): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = LooseErrorBody.safeParse(json);
  if (!parsed.success) {
    return new ApiError(
      response.status,
      'UNEXPECTED_RESPONSE',
      `${route.method.toUpperCase()} ${url} answered ${response.status} without the API's error body`,
    );
  }
  const { code, message, details, requestId } = parsed.data.error;
  return new ApiError(response.status, isApiCode(code) ? code : 'UNEXPECTED_RESPONSE', message, details, requestId);
}

/** Reads a 2xx answer with the route's schema for its status (`accepted` for 202, nothing for 204). */
export async function readReply<R extends JsonRoute>(route: R, response: Response): Promise<RouteReply<R>> {
  const unexpected = (why: string, cause?: unknown) =>
    new ApiError(
      response.status,
      'UNEXPECTED_RESPONSE',
      `${route.method.toUpperCase()} ${route.path} answered ${response.status}: ${why}`,
      undefined,
      undefined,
      { cause },
    );
  if (response.status === 204) return { status: 204, data: undefined } as RouteReply<R>;
  const schema = response.status === 202 && route.accepted ? route.accepted : route.response;
  if (!schema) {
    await response.body?.cancel();
    throw unexpected('the contract declares no body for it');
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw unexpected('the body is not JSON', cause);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw unexpected(`the body does not match the contract (${z.prettifyError(parsed.error)})`);
  return { status: response.status, data: parsed.data } as RouteReply<R>;
}

/**
 * Calls a JSON route and returns its answer by status, with the headers (Idempotency-Replayed, Location…).
 * Throws ApiError on a refusal, no answer, or an answer the contract does not describe.
 */
export async function sendRoute<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
  options: CallOptions,
): Promise<RouteReply<R> & { readonly headers: Headers }> {
  const response = await sendRequest(route, input, options);
  return { ...(await readReply(route, response)), headers: response.headers };
}
