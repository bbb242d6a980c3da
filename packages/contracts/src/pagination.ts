import { z } from 'zod';

/** Opaque cursor pagination: stable under concurrent inserts, unlike offsets. */
export const PageQuery = z.object({
  cursor: z.string().max(200).optional().describe("Opaque cursor from a previous page's nextCursor"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type PageQuery = z.infer<typeof PageQuery>;

export function Page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
