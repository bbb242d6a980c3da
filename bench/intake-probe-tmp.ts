import { randomUUID } from 'node:crypto';
import { admin, cpuPerRequest, cpuSnapshot, createIdentity, freshDatabase, load, startApi } from './intake-harness.js';
const db = await freshDatabase('probe');
const { token } = await createIdentity(db.url, ['INTAKE', 'REVIEWER']);
const a = randomUUID();
await admin(db.url, (c) => c.query(`INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at) VALUES ($1, 'B', 'COURT', 'DE', 'x', now())`, [a]));
const api = await startApi(db.url);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const body = JSON.stringify({ type: 'RECORDS', legalProcess: 'COURT_ORDER', authorityId: a, hasNdo: false, caseNumber: '2 BvR 1234/21', targets: [{ selectorType: 'USERNAME', value: 'a', role: 'SUSPECT' },{ selectorType: 'USERNAME', value: 'b', role: 'SUSPECT' },{ selectorType: 'PHONE_NUMBER', value: '+4930123456', role: 'SUSPECT' }], categories: [{ category: 'IP_ADDRESS' }] });
await load('warm', { url: `${api.url}/requests`, method: 'POST', headers, body, connections: 8, duration: 3 });
for (const [name, opts] of [
  ['health', { url: `${api.url}/health` }],
  ['auth + light query', { url: `${api.url}/requests/notification-queue?limit=1`, headers }],
  ['intake', { url: `${api.url}/requests`, method: 'POST', headers, body }],
] as const) {
  const b = await cpuSnapshot(api.pid, db.url);
  const s = await load(name, { ...(opts as object), connections: 8, duration: 5 } as never);
  console.log(name, cpuPerRequest(b, await cpuSnapshot(api.pid, db.url), s.requests));
}
await api.stop(); await db.drop();
