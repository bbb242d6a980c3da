// Refusals are read by people in the portal, who do not call routes: a message tells them what to do in words
// ("record the policy decisions first"), never "POST /requests/{id}/decisions". The login steps are the exception:
// they answer API clients that skip a step, which the portal's login form never does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');
/** Strings that name a route on purpose: login-step guidance for API clients, the OpenAPI servers line, a key. */
const ALLOWED = new Set(['auth/second-factor.service.ts', 'auth/access.guard.ts', 'openapi/openapi.ts']);
const ROUTE = /\b(GET|POST|PUT|PATCH|DELETE) \//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** The string literals and template texts of a source, comments left out. */
function strings(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return [...withoutComments.matchAll(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"/g)].map((m) => m[0]);
}

describe('refusal wording', () => {
  it('no message of the API names a route, outside the login steps', () => {
    const offenders = sources(SRC).flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      if (ALLOWED.has(relative)) return [];
      return strings(readFileSync(file, 'utf8'))
        .filter((text) => ROUTE.test(text) && !/^'(GET|POST|PUT|PATCH|DELETE) \/[\w/{}-]*'$/.test(text))
        .map((text) => `${relative}: ${text}`);
    });
    expect(offenders).toEqual([]);
  });

  it('finds a route named in a message (the check itself works)', () => {
    const source = "throw new AppError('X', `Read them with GET /requests/${id}/decisions.`); // GET /a";
    expect(strings(source).filter((text) => ROUTE.test(text))).toHaveLength(1);
  });
});
