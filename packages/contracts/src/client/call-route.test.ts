import { DeleteAuthority, GetAuthority } from '../authorities/authorities.contract.js';
import { GetLatestCheckpoint } from '../log/log.contract.js';
import { ListRequestsRoute, GetRequestRoute } from '../requests/requests.contract.js';
import { UpdateStaff } from '../staff/staff.contract.js';
import { ApiError } from './api-error.js';
import { callRoute } from './call-route.js';
import { fetchRoute } from './fetch-route.js';
import { sendRoute } from './send-route.js';

// The client against a stand-in fetch that records what was asked and answers what the test says: what is tested
// here is the client's own work (URL, method, headers, body, reading the answer, errors), not the API.

interface Sent {
  url: string;
  method: string | undefined;
  headers: Record<string, string>;
  body: string | undefined;
}

function answering(status: number, body?: unknown, headers: Record<string, string> = {}) {
  const sent: Sent[] = [];
  const fake = (async (url: string | URL | Request, init?: RequestInit) => {
    sent.push({
      url: String(url),
      method: init?.method,
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, {
      status,
      headers: { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers },
    });
  }) as typeof fetch;
  return { sent, options: { baseUrl: 'http://api.test/', fetch: fake, headers: { authorization: 'Bearer x' } } };
}

const ID = '0b9c6f0e-7c4c-4a57-9a38-2d1d1c1e1f10';
const account = {
  id: ID,
  email: 'a@example.org',
  displayName: 'A',
  roles: ['ADMIN'],
  secondFactorEnrolled: true,
  recoveryCodesLeft: 10,
  passwordChangeRequired: false,
  lockedUntil: null,
  disabledAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

describe('callRoute', () => {
  it('fills the path, sends the query and returns the body parsed by the contract', async () => {
    const page = { items: [], nextCursor: null };
    const { sent, options } = answering(200, page);
    const result = await callRoute(ListRequestsRoute, { query: { limit: 5, q: 'a&b=c' } }, options);
    expect(result).toEqual(page);
    expect(sent).toEqual([
      {
        url: 'http://api.test/requests?limit=5&q=a%26b%3Dc',
        method: 'GET',
        headers: { authorization: 'Bearer x' },
        body: undefined,
      },
    ]);
  });

  it('sends a JSON body with its content type', async () => {
    const { sent, options } = answering(204);
    const result = await callRoute(DeleteAuthority, { params: { id: ID } }, options);
    expect(result).toBeUndefined();
    expect(sent[0]).toMatchObject({ url: `http://api.test/authorities/${ID}`, method: 'DELETE' });

    const patch = answering(202, { nope: true });
    await expect(
      callRoute(UpdateStaff, { params: { id: ID }, body: { version: 1, roles: ['ADMIN'] } }, patch.options),
    ).rejects.toMatchObject({ code: 'UNEXPECTED_RESPONSE', status: 202 });
    expect(patch.sent[0]).toMatchObject({
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, roles: ['ADMIN'] }),
    });
  });

  it('throws ApiError with the API code, message, details and request id of a refusal', async () => {
    const { options } = answering(409, {
      error: { code: 'VERSION_CONFLICT', message: 'Changed meanwhile', details: { current: 3 }, requestId: 'r1' },
    });
    const error = await callRoute(GetRequestRoute, { params: { id: ID } }, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'VERSION_CONFLICT',
      message: 'Changed meanwhile',
      details: { current: 3 },
      requestId: 'r1',
    });
  });

  it('says UNEXPECTED_RESPONSE for a refusal without the error body and for a body the contract does not describe', async () => {
    await expect(
      callRoute(GetRequestRoute, { params: { id: ID } }, answering(502, 'Bad gateway').options),
    ).rejects.toMatchObject({
      status: 502,
      code: 'UNEXPECTED_RESPONSE',
    });
    await expect(
      callRoute(GetRequestRoute, { params: { id: ID } }, answering(200, { id: 'not a request' }).options),
    ).rejects.toMatchObject({ status: 200, code: 'UNEXPECTED_RESPONSE' });
    await expect(
      callRoute(GetRequestRoute, { params: { id: ID } }, answering(200, 'not json').options),
    ).rejects.toMatchObject({
      code: 'UNEXPECTED_RESPONSE',
    });
  });

  it('says UNREACHABLE when there is no answer, and lets the caller’s own abort through', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    await expect(
      callRoute(GetRequestRoute, { params: { id: ID } }, { baseUrl: 'http://api.test', fetch: failing }),
    ).rejects.toMatchObject({ status: 0, code: 'UNREACHABLE' });

    const controller = new AbortController();
    controller.abort();
    await expect(
      callRoute(
        GetRequestRoute,
        { params: { id: ID } },
        { baseUrl: 'http://api.test', fetch: failing, signal: controller.signal },
      ),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('reads a four-eyes route by status: 202 with the proposal, the declared status with the account', async () => {
    const input = { params: { id: ID }, body: { version: 1, displayName: 'B' } };
    const done = await callRoute(UpdateStaff, input, answering(200, account, { 'x-test': 'yes' }).options);
    expect(done).toEqual({ status: 200, data: account });
    const sent = await sendRoute(UpdateStaff, input, answering(200, account, { 'x-test': 'yes' }).options);
    expect(sent.headers.get('x-test')).toBe('yes');
    // An account is not a proposal: a 202 is read with `accepted`, which this body does not match.
    await expect(callRoute(UpdateStaff, input, answering(202, account).options)).rejects.toMatchObject({
      status: 202,
      code: 'UNEXPECTED_RESPONSE',
    });
  });
});

describe('fetchRoute', () => {
  it('returns the Response of a text route after the same error handling', async () => {
    const ok = answering(200, 'origin\n1\nroot\n');
    const response = await fetchRoute(GetLatestCheckpoint, {}, ok.options);
    expect(await response.text()).toBe('origin\n1\nroot\n');
    expect(ok.sent[0]!.url).toBe('http://api.test/log/checkpoint');

    const missing = answering(404, { error: { code: 'NOT_FOUND', message: 'No checkpoint yet' } });
    await expect(fetchRoute(GetLatestCheckpoint, {}, missing.options)).rejects.toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
    });
  });
});

describe('GetAuthority', () => {
  it('encodes a path parameter', async () => {
    const { sent, options } = answering(404, { error: { code: 'NOT_FOUND', message: 'no' } });
    await callRoute(GetAuthority, { params: { id: 'a/b c' } }, options).catch(() => undefined);
    expect(sent[0]!.url).toBe('http://api.test/authorities/a%2Fb%20c');
  });
});
