import { z } from 'zod';
import { defineRoute } from '../route.js';

export const HealthResponse = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  database: z.object({ reachable: z.boolean(), latencyMs: z.number().nonnegative().nullable() }),
});
export type HealthResponse = z.infer<typeof HealthResponse>;

export const GetHealth = defineRoute({
  operationId: 'getHealth',
  method: 'get',
  path: '/health',
  summary: 'Liveness and database reachability',
  tag: 'system',
  access: { public: true },
  response: HealthResponse,
  errors: ['SERVICE_UNAVAILABLE'],
});
