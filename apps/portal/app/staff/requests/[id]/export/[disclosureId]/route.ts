import { buildPath, ExportPackageRoute } from '@writ/contracts';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { apiBase, forwardedHeaders, refusalCode, relayedResponse, seeOther } from '@/lib/api-proxy';

export const dynamic = 'force-dynamic';

const Params = z.object({ id: z.uuid(), disclosureId: z.uuid() });

/**
 * The package panel's export button posts a form here (a form, so the browser streams the zip to disk however
 * large it is). The session's CSRF token comes as a form field and goes on to the API as its header; a cross-site
 * form cannot know it. A refusal returns to the request page with its code, which the panel puts into words.
 */
export async function POST(
  request: NextRequest,
  context: { params: Promise<{ id: string; disclosureId: string }> },
): Promise<Response> {
  const params = Params.safeParse(await context.params);
  if (!params.success) return seeOther('/staff/requests');
  const { id, disclosureId } = params.data;
  const back = (code: string) => seeOther(`/staff/requests/${id}?exportRefused=${encodeURIComponent(code)}#package`);
  const form = await request.formData().catch(() => null);
  const csrf = form?.get('csrfToken');
  const headers = forwardedHeaders(request.headers, ['content-type', 'content-length']);
  if (typeof csrf === 'string') headers.set('x-csrf-token', csrf);
  let upstream: Response;
  try {
    upstream = await fetch(new URL(buildPath(ExportPackageRoute.path, { id: disclosureId }), apiBase()), {
      method: 'POST',
      headers,
      redirect: 'manual',
    });
  } catch {
    return back('SERVICE_UNAVAILABLE');
  }
  if (upstream.ok) return relayedResponse(upstream);
  return back(await refusalCode(upstream));
}
