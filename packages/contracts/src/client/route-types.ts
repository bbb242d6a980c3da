import type { z } from 'zod';
import type { RouteContract } from '../route.js';

// What a caller sends to a route and gets back, read off its contract, so a client call cannot drift from the route
// it names: a missing required part, or a part the route does not take, does not compile.

type Part = 'params' | 'query' | 'body';

/** `{ [K]: input }` when the route declares K (optional when an empty object would do), `{ [K]?: never }` when not. */
type InputPart<R, K extends Part> = R extends { readonly [P in K]: infer S extends z.ZodType }
  ? object extends z.input<S>
    ? { readonly [P in K]?: z.input<S> }
    : { readonly [P in K]: z.input<S> }
  : { readonly [P in K]?: never };

export type RouteInput<R extends RouteContract> = InputPart<R, 'params'> & InputPart<R, 'query'> & InputPart<R, 'body'>;

/** The body of the route's declared success answer, as its schema outputs it; undefined for a 204. */
export type RouteOutput<R extends RouteContract> = R extends { readonly status: 204 }
  ? undefined
  : R extends { readonly response: infer S extends z.ZodType }
    ? z.output<S>
    : undefined;

type DeclaredStatus<R> = R extends { readonly status: infer S extends number } ? S : 200;

/**
 * A success answer by status. Routes with `accepted` (four eyes) answer either their `response` (done at once) or
 * 202 with the proposal: the status tells which, so a caller narrows on it.
 */
export type RouteReply<R extends RouteContract> =
  | { readonly status: DeclaredStatus<R>; readonly data: RouteOutput<R> }
  | (R extends { readonly accepted: infer A extends z.ZodType }
      ? { readonly status: 202; readonly data: z.output<A> }
      : never);

/** What `callRoute` returns: the parsed body, or for routes with `accepted` the reply with its status. */
export type RouteResult<R extends RouteContract> = R extends { readonly accepted: z.ZodType }
  ? RouteReply<R>
  : RouteOutput<R>;

/** Routes answering JSON (or nothing), which `callRoute` takes; the others (`produces`) go to `fetchRoute`. */
export type JsonRoute = RouteContract & { readonly produces?: undefined };
export type ProducingRoute = RouteContract & { readonly produces: NonNullable<RouteContract['produces']> };

export interface CallOptions {
  /** The API's origin and prefix without a trailing slash: `http://127.0.0.1:4000`, or `/api` in the browser. */
  readonly baseUrl: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use (Next.js server components pass one that adds `cache: 'no-store'`). */
  readonly fetch?: typeof fetch;
  readonly signal?: AbortSignal;
}
