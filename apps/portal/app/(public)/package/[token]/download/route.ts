import { buildPath, DownloadPackageRoute } from '@writ/contracts';
import type { NextRequest } from 'next/server';
import { apiBase, forwardedHeaders, refusalCode, relayedResponse, seeOther } from '@/lib/api-proxy';

export const dynamic = 'force-dynamic';

/**
 * The package page's download button posts here. The zip streams straight through to the browser's download;
 * a refusal (used, expired, withdrawn, too many attempts) sends the authority back to the package page, which says
 * in words what happened — instead of leaving it on a page of raw JSON.
 */
export async function POST(request: NextRequest, context: { params: Promise<{ token: string }> }): Promise<Response> {
  const { token } = await context.params;
  const back = (code: string) => seeOther(`/package/${encodeURIComponent(token)}?refused=${encodeURIComponent(code)}`);
  let upstream: Response;
  try {
    upstream = await fetch(new URL(buildPath(DownloadPackageRoute.path, { token }), apiBase()), {
      method: 'POST',
      // The form's own body is not the API's business; nor are cookies (the authority has no account).
      headers: forwardedHeaders(request.headers, ['content-type', 'content-length', 'cookie']),
      redirect: 'manual',
    });
  } catch {
    return back('SERVICE_UNAVAILABLE');
  }
  if (upstream.ok) return relayedResponse(upstream);
  return back(await refusalCode(upstream));
}
