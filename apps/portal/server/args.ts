import { parseArgs } from 'node:util';

export const USAGE = `Usage: node apps/portal/dist/server/main.js [--port N] [--host H]

Serves the built portal (run \`npm run build\` first), as \`next start\` would, with public pages (overview,
reports, countries, canary, policy) rendered once and served from memory until something is published.

  -p, --port N   port to listen on (default: $PORT or 3000)
  -H, --host H   address to listen on (default: all interfaces)
  -h, --help     this text

Environment: WRIT_API_URL (the API, default http://127.0.0.1:4000); PORTAL_PAGE_FRESH_MS (how long a cached page
is served before the published data is checked again, default 1000; 0 checks on every request);
PORTAL_PAGE_MAX_AGE_MS (render again after this long in any case, default 60000).
`;

export type ServerArgs = { port: number; host: string | undefined; help: boolean };

/** Command-line options; throws an Error whose message a person can act on. */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string', short: 'H' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  const rawPort = values.port ?? env.PORT ?? '3000';
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65535) {
    throw new Error(`--port must be a whole number from 1 to 65535, not "${rawPort}"`);
  }
  return { port, host: values.host, help: values.help ?? false };
}

/** A non-negative whole number of milliseconds from the environment, or the default. */
export function millisecondsFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new Error(`${name} must be a whole number of milliseconds, not "${raw}"`);
  return Number(raw);
}
