import { z } from 'zod';
import { defineRoute } from '../route.js';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  database: z.object({ reachable: z.boolean(), latencyMs: z.number().nonnegative().nullable() }),
  /**
   * This process's log integrator. `refusing`: the stored tree does not continue the last signed checkpoint, so
   * nothing new is signed until a person repairs it; `stuck`: a database session holds the integrator's lock and
   * cannot be ended. Either makes `status` degraded (still 200: the rest of the API works).
   */
  log: z.object({
    status: z.enum(['ok', 'refusing', 'stuck']),
    reason: z.string().nullable(),
    since: z.iso.datetime().nullable(),
  }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const GetHealth = defineRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  summary: 'Liveness, database reachability and the log integrator',
  tag: 'system',
  access: { public: true },
  response: HealthResponse,
  errors: ['SERVICE_UNAVAILABLE'],
});
