import type { RouteContract } from './route.js';
import { GetHealth } from './health/health.contract.js';

/** Every route of the API. The OpenAPI document and the role-matrix test are generated from this list. */
export const ROUTES: readonly RouteContract[] = [GetHealth];
