// Compile-time checks of the typed client, run by `npm run typecheck` (tsconfig.tools.json): each
// `@ts-expect-error` fails the typecheck if the line below it ever compiles.
import {
  callRoute,
  DeleteAuthority,
  fetchRoute,
  GetLatestCheckpoint,
  GetRequestRoute,
  ListRequestsRoute,
  type RequestDetail,
  UpdateStaff,
} from '@writ/contracts';

const options = { baseUrl: 'http://127.0.0.1:4000' };
const id = '0b9c6f0e-7c4c-4a57-9a38-2d1d1c1e1f10';

export async function checks(): Promise<void> {
  const detail: RequestDetail = await callRoute(GetRequestRoute, { params: { id } }, options);
  void detail;
  // A query whose fields all have defaults may be left out.
  await callRoute(ListRequestsRoute, {}, options);
  const deleted: undefined = await callRoute(DeleteAuthority, { params: { id } }, options);
  void deleted;

  const reply = await callRoute(UpdateStaff, { params: { id }, body: { version: 1 } }, options);
  if (reply.status === 202) {
    // The proposal, not the account.
    const kind: string = reply.data.kind;
    void kind;
  } else {
    const version: number = reply.data.version;
    void version;
  }

  // @ts-expect-error: a missing required part does not compile
  await callRoute(GetRequestRoute, {}, options);
  // @ts-expect-error: a part the route does not take does not compile
  await callRoute(GetRequestRoute, { params: { id }, body: {} }, options);
  // @ts-expect-error: a parameter of the wrong name does not compile
  await callRoute(GetRequestRoute, { params: { requestId: id } }, options);
  // @ts-expect-error: a text route goes to fetchRoute
  await callRoute(GetLatestCheckpoint, {}, options);
  // @ts-expect-error: a JSON route goes to callRoute
  await fetchRoute(GetRequestRoute, { params: { id } }, options);
}
