// Refusals are read by people in the portal, who do not call routes: a message tells them what to do in words
// ("record the policy decisions first"), never "POST /requests/{id}/decisions". The login steps are the exception:
// they answer API clients that skip a step, which the portal's login form never does.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(__dirname, '..');
/**
 * Routes named on purpose: the login steps, for an API client that skipped one (the portal's login form never
 * does), and the OpenAPI document's own address in its servers line.
 */
const ALLOWED = ['POST /auth/login', 'POST /auth/totp/enrol', 'POST /auth/totp', 'GET /api/docs/openapi.json'];
const ROUTE = /\b(GET|POST|PUT|PATCH|DELETE) \//;
const namesRoute = (text: string) => ROUTE.test(ALLOWED.reduce((rest, phrase) => rest.split(phrase).join(''), text));

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
  it('no message of the API names a route, but for the login steps', () => {
    const offenders = sources(SRC).flatMap((file) => {
      const relative = path.relative(SRC, file).split(path.sep).join('/');
      // A string that is only a route ('POST /requests') is a key, not a message.
      return strings(readFileSync(file, 'utf8'))
        .filter((text) => namesRoute(text) && !/^'(GET|POST|PUT|PATCH|DELETE) \/[\w/{}-]*'$/.test(text))
        .map((text) => `${relative}: ${text}`);
    });
    expect(offenders).toEqual([]);
  });

  it('finds a route named in a message (the check itself works)', () => {
    const source = "throw new AppError('X', `Read them with GET /requests/${id}/decisions.`); // GET /a";
    expect(strings(source).filter(namesRoute)).toHaveLength(1);
    expect(namesRoute("'Finish logging in: send a TOTP or recovery code to POST /auth/totp.'")).toBe(false);
    expect(namesRoute("'Choose your own with POST /auth/password.'")).toBe(true);
  });
});
