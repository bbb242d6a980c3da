import { WORLD_SHAPES_ETAG, WORLD_SHAPES_FILE, WORLD_SHAPES_SVG } from '@/lib/world-shapes';

/**
 * The world map's shapes (lib/world-shapes.ts), under a name that changes with their content: cached by browsers
 * and CDNs for a year, and never asked for again while the name stays the same.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  if (file !== WORLD_SHAPES_FILE) {
    return new Response('No such map file: the page that named it is older than this server.\n', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const headers = {
    'content-type': 'image/svg+xml; charset=utf-8',
    'cache-control': 'public, max-age=31536000, immutable',
    etag: WORLD_SHAPES_ETAG,
  };
  if (request.headers.get('if-none-match') === WORLD_SHAPES_ETAG) return new Response(null, { status: 304, headers });
  return new Response(WORLD_SHAPES_SVG, { headers });
}
