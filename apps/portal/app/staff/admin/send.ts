// Helpers of the admin screens' forms (their calls go through lib/browser-api.ts).

/** The first message per field of a failed zod parse: shown next to the field it is about. */
export function issuesByField(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = String(issue.path[0] ?? '');
    if (key && !out[key]) out[key] = issue.message;
  }
  return out;
}
