export { ApiError, type ApiErrorCode, type ClientErrorCode, isApiCode } from './api-error.js';
export { callRoute } from './call-route.js';
export { fetchRoute } from './fetch-route.js';
export type {
  CallOptions,
  JsonRoute,
  ProducingRoute,
  RouteInput,
  RouteOutput,
  RouteReply,
  RouteResult,
} from './route-types.js';
export { queryString, routeUrl } from './route-url.js';
export { readReply, sendRoute } from './send-route.js';
