import type { CallOptions, JsonRoute, RouteInput, RouteResult } from './route-types.js';
import { sendRoute } from './send-route.js';

/**
 * Calls a JSON route by its contract and returns the parsed body (for a route with `accepted`, `{ status, data }`:
 * 202 is a proposal awaiting a second admin, the declared status a change made at once).
 * Throws ApiError carrying the API's code on a refusal, UNREACHABLE without an answer, and UNEXPECTED_RESPONSE
 * for an answer the contract does not describe.
 */
export async function callRoute<const R extends JsonRoute>(
  route: R,
  input: RouteInput<R>,
  options: CallOptions,
): Promise<RouteResult<R>> {
  const reply = await sendRoute(route, input, options);
  const result = route.accepted ? { status: reply.status, data: reply.data } : reply.data;
  return result as RouteResult<R>;
}
