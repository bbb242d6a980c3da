import type { CallOptions, ProducingRoute, RouteInput } from './route-types.js';
import { sendRequest } from './send-route.js';

/**
 * For routes answering text or bytes (`produces`): the same URL building and error handling as callRoute, and the
 * 2xx Response itself, for the caller to read (or stream) as the route's media type says.
 */
export function fetchRoute<const R extends ProducingRoute>(
  route: R,
  input: RouteInput<R>,
  options: CallOptions,
): Promise<Response> {
  return sendRequest(route, input, options);
}
