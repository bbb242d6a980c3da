import { z } from 'zod';
import { defineRoute } from '../route.js';

export const PublishedPolicyResponse = z.object({
  version: z.string(),
  text: z.string().describe('the policy in force, Markdown'),
  parameters: z.object({
    acceptedCountries: z.array(z.string()),
    acceptedJurisdictions: z.array(z.string()),
    maxWindowDays: z.number().int(),
  }),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .describe('hex SHA-256 of `document`; stored with every decision'),
  document: z.string().describe('the exact RFC 8785 JSON that was hashed, so anyone can recompute `hash`'),
});
export type PublishedPolicyResponse = z.infer<typeof PublishedPolicyResponse>;

export const GetPolicy = defineRoute({
  operationId: 'getPolicy',
  method: 'get',
  path: '/policy',
  summary: 'The disclosure policy in force: text, parameters and hash',
  tag: 'policy',
  access: { public: true },
  response: PublishedPolicyResponse,
});
