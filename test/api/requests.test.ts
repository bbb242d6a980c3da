import { createStaff, type TestStaff } from '../support/auth';
import { startTestApp, type TestApp } from '../support/test-app';
import { call, createAuthority, validRequest } from './requests.fixtures';

let t: TestApp;
let intake: TestStaff;
let authorityId: string;
beforeAll(async () => {
  t = await startTestApp();
  intake = await createStaff(t, ['INTAKE']);
  authorityId = await createAuthority(t);
});
afterAll(async () => {
  await t.close();
});

it('smoke', async () => {
  const r = await call(t, 'POST', '/requests', { as: intake, body: validRequest(authorityId) });
  console.log(r.status, JSON.stringify(r.body, null, 1));
  const g = await call(t, 'GET', `/requests/${r.body.id}`, { as: intake });
  console.log(g.status, JSON.stringify(g.body).slice(0, 300));
  const l = await call(t, 'GET', `/requests?q=bvr&status=RECEIVED,IN_REVIEW&country=de`, { as: intake });
  console.log(l.status, JSON.stringify(l.body).slice(0, 600));
  const q = await call(t, 'GET', `/requests/notification-queue`, { as: intake });
  console.log(q.status, JSON.stringify(q.body).slice(0, 300));
});
