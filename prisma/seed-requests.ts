// Demo requests, made the way staff make them: through the API's own services (from the build in apps/api/dist),
// so every step writes its audit events and the transparency log has real history to show. Deterministic: the
// same random seed gives the same requests, targets and outcomes.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CreateRequest, RecordOutOfBandVerification, TransitionRequest } from '@writ/contracts';

type Identity = { staffId: string; email: string; roles: string[]; via: 'token' };
type Service = Record<string, (...args: never[]) => Promise<Record<string, unknown>>>;

const DIST = path.resolve(import.meta.dirname, '../apps/api/dist');
const DAY = 86_400_000;

async function load<T>(relative: string): Promise<T> {
  return (await import(pathToFileURL(path.join(DIST, relative)).href)) as T;
}

interface Plan {
  authority: string;
  legalProcess: 'COURT_ORDER' | 'WARRANT' | 'SUBPOENA' | 'LETTER' | 'ADMINISTRATIVE_ORDER';
  type: 'RECORDS' | 'EMERGENCY' | 'PRESERVATION';
  end: 'RECEIVED' | 'IN_REVIEW' | 'REJECTED' | 'WITHDRAWN' | 'DECIDED' | 'DELIVERED' | 'CLOSED';
  categories: string[];
  roles: string[];
}

/** What each demo order says about why it wants the data, so the queue's search has words to find. */
const STATEMENTS = [
  'The suspect is believed to have used the account to sell counterfeit concert tickets to at least forty buyers.',
  'Threatening messages were sent to a journalist in Lyon over three weeks; the sender must be identified.',
  'A shop owner in Rotterdam received demands for money; the account arranged the handover of the cash.',
  'Several elderly customers in Graz were persuaded to transfer their savings to accounts abroad.',
  'The account impersonated a bank employee to obtain payment card numbers from customers in Munich.',
] as const;

const PLANS: Plan[] = [
  {
    authority: 'Amtsgericht Berlin-Tiergarten',
    legalProcess: 'COURT_ORDER',
    type: 'RECORDS',
    end: 'CLOSED',
    categories: ['IP_ADDRESS', 'PHONE_NUMBER'],
    roles: ['SUSPECT'],
  },
  {
    authority: 'Tribunal judiciaire de Paris',
    legalProcess: 'WARRANT',
    type: 'RECORDS',
    end: 'DECIDED',
    categories: ['IP_ADDRESS', 'MESSAGE_CONTENT'],
    roles: ['SUSPECT', 'VICTIM'],
  },
  {
    authority: 'Rechtbank Amsterdam',
    legalProcess: 'COURT_ORDER',
    type: 'RECORDS',
    end: 'DELIVERED',
    categories: ['PHONE_NUMBER'],
    roles: ['SUSPECT'],
  },
  {
    authority: 'Juzgado de Instrucción n.º 5 de Madrid',
    legalProcess: 'COURT_ORDER',
    type: 'RECORDS',
    end: 'IN_REVIEW',
    categories: ['IP_ADDRESS'],
    roles: ['SUSPECT'],
  },
  {
    authority: 'Landeskriminalamt Hamburg',
    legalProcess: 'LETTER',
    type: 'RECORDS',
    end: 'REJECTED',
    categories: ['IP_ADDRESS', 'CONTACTS'],
    roles: ['SUSPECT'],
  },
  {
    authority: 'Politie Eenheid Rotterdam',
    legalProcess: 'LETTER',
    type: 'EMERGENCY',
    end: 'REJECTED',
    categories: ['PHONE_NUMBER', 'LOCATION'],
    roles: ['UNSPECIFIED'],
  },
  {
    authority: 'Staatsanwaltschaft München I',
    legalProcess: 'SUBPOENA',
    type: 'RECORDS',
    end: 'REJECTED',
    categories: ['SUBSCRIBER_INFO'],
    roles: ['SUSPECT'],
  },
  {
    authority: 'Parquet de Lyon',
    legalProcess: 'SUBPOENA',
    type: 'PRESERVATION',
    end: 'WITHDRAWN',
    categories: ['MESSAGE_CONTENT'],
    roles: ['WITNESS'],
  },
  {
    authority: 'Agencia Española de Protección de Datos',
    legalProcess: 'ADMINISTRATIVE_ORDER',
    type: 'RECORDS',
    end: 'RECEIVED',
    categories: ['SUBSCRIBER_INFO'],
    roles: ['UNSPECIFIED'],
  },
  {
    authority: 'Amtsgericht Berlin-Tiergarten',
    legalProcess: 'COURT_ORDER',
    type: 'RECORDS',
    end: 'RECEIVED',
    categories: ['IP_ADDRESS'],
    roles: ['SUSPECT', 'SUSPECT'],
  },
];

export async function seedDemoRequests(
  databaseUrl: string,
  storageDir: string,
  random: () => number,
  withRequests = true,
): Promise<string> {
  if (!existsSync(path.join(DIST, 'bootstrap.js')))
    return 'skipped demo requests: the API is not built (npm run build)';
  const [{ createApp }, { loadEnv }, requests, verification, decisions, prismaModule, disclosures] = await Promise.all([
    load<{
      createApp(
        env: unknown,
      ): Promise<{ init(): Promise<unknown>; get(token: unknown): unknown; close(): Promise<void> }>;
    }>('bootstrap.js'),
    load<{ loadEnv(source: Record<string, string>): unknown }>('config/env.js'),
    load<{ RequestsService: unknown }>('requests/requests.service.js'),
    load<{ VerificationService: unknown }>('verification/verification.service.js'),
    load<{ DecisionsService: unknown }>('decisions/decisions.service.js'),
    load<{ PrismaService: unknown }>('database/prisma.service.js'),
    load<{ DisclosuresService: unknown }>('disclosures/disclosures.service.js'),
  ]);
  const reports = await load<{ ReportsService: unknown }>('reports/reports.service.js');
  const app = await createApp(
    loadEnv({
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
      STORAGE_DIR: storageDir,
      LOG_INTEGRATE_INTERVAL_MS: '0',
    } as Record<string, string>),
  );
  await app.init();
  try {
    const prisma = app.get(prismaModule.PrismaService) as {
      staff: { findMany(): Promise<{ id: string; email: string; roles: string[] }[]> };
      authority: {
        findMany(args: unknown): Promise<{ id: string; name: string; contactChannels: { id: string }[] }[]>;
      };
      subscriberAccount: { findMany(args: unknown): Promise<{ username: string }[]> };
      request: { findUniqueOrThrow(args: unknown): Promise<unknown> };
    };
    const svc = {
      requests: app.get(requests.RequestsService) as Service,
      verification: app.get(verification.VerificationService) as Service,
      decisions: app.get(decisions.DecisionsService) as Service,
      disclosures: app.get(disclosures.DisclosuresService) as Service,
    };
    const staff = await prisma.staff.findMany();
    const as = (role: string): Identity => {
      const person = staff.find((s) => s.roles.includes(role));
      if (!person) throw new Error(`no demo staff member with role ${role}`);
      return { staffId: person.id, email: person.email, roles: person.roles, via: 'token' };
    };
    const authorities = await prisma.authority.findMany({ include: { contactChannels: true } });
    const accounts = await prisma.subscriberAccount.findMany({ orderBy: { accountId: 'asc' } });
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const now = Date.now();

    let made = 0;
    for (const [n, plan] of withRequests ? PLANS.entries() : []) {
      const authority = authorities.find((a) => a.name === plan.authority);
      if (!authority) continue;
      // 105 to 60 days ago: whatever today's date, the last ended quarter holds some of them, so the demo report
      // (publishDemoReport) has figures to show.
      const receivedAt = new Date(now - (105 - n * 5) * DAY - Math.floor(random() * DAY));
      const windowEnd = new Date(receivedAt.getTime() - 2 * DAY);
      const windowStart = new Date(windowEnd.getTime() - (30 + Math.floor(random() * 60)) * DAY);
      const court = plan.legalProcess === 'COURT_ORDER' || plan.legalProcess === 'WARRANT';
      // Parsed by the same contracts the controllers use, so defaults apply exactly as over HTTP.
      const created = (await svc.requests.create!(
        as('INTAKE') as never,
        CreateRequest.parse({
          type: plan.type,
          legalProcess: plan.legalProcess,
          authorityId: authority.id,
          caseNumber: `${court ? 'AZ' : 'REF'}-${2026}-${String(1000 + n * 37).padStart(5, '0')}`,
          legalBasis: court ? 'Order under the code of criminal procedure' : 'Request for information',
          offenceCategory: pick(['fraud', 'extortion', 'threats', 'identity theft']),
          // By position, not drawn: another draw would change every later one, and with it the demo's figures.
          statementOfReasons: STATEMENTS[n % STATEMENTS.length],
          issuedAt: new Date(receivedAt.getTime() - 2 * DAY).toISOString(),
          receivedAt: receivedAt.toISOString(),
          dueAt: new Date(receivedAt.getTime() + 30 * DAY).toISOString(),
          hasNdo: n % 3 === 0,
          ...(n % 3 === 0 ? { ndoEndsAt: new Date(receivedAt.getTime() + 90 * DAY).toISOString() } : {}),
          targets: plan.roles.map((role) => ({
            selectorType: 'USERNAME',
            value: pick(accounts).username,
            role,
            windowStart: windowStart.toISOString(),
            windowEnd: windowEnd.toISOString(),
          })),
          categories: plan.categories.map((category) => ({ category })),
        }) as never,
        undefined as never,
      )) as { body: { id: string; version: number } };
      made += 1;
      const { id } = created.body;
      let { version } = created.body;
      const step = async (role: string, to: string, extra: Record<string, unknown> = {}) => {
        const detail = (await svc.requests.transition!(
          as(role) as never,
          id as never,
          TransitionRequest.parse({ to, version, ...extra }) as never,
        )) as {
          version: number;
        };
        version = detail.version;
      };
      if (plan.end === 'RECEIVED') continue;
      if (plan.end === 'WITHDRAWN') {
        await step('INTAKE', 'WITHDRAWN', { reason: 'Withdrawn by the authority' });
        continue;
      }
      await step('REVIEWER', 'IN_REVIEW');
      if (plan.end === 'REJECTED') {
        await step('REVIEWER', 'REJECTED', { reason: 'Not a court order', reasonCode: 'NOT_COURT_ORDER' });
        continue;
      }
      if (plan.end === 'IN_REVIEW') continue;
      // Out-of-band confirmation through the court's registered channel, confirmed by a second person.
      const recorded = (await svc.verification.recordOutOfBand!(
        as('REVIEWER') as never,
        id as never,
        RecordOutOfBandVerification.parse({
          contactChannelId: authority.contactChannels[0]!.id,
          contactPerson: 'Registry clerk',
          contactedAt: new Date(now - 60_000).toISOString(),
          outcome: 'CONFIRMED',
          note: 'Confirmed by phone call-back to the registered number',
        }) as never,
      )) as { verification: { id: string } };
      await svc.verification.confirm!(as('APPROVER') as never, id as never, recorded.verification.id as never);
      await svc.decisions.record!(as('REVIEWER') as never, id as never);
      if (plan.end === 'DECIDED') continue;
      // The package: prepared by a reviewer, approved by an approver (four eyes), handed over by the approver (never
      // the preparer) once — by the authority's one-time link for one request, by a staff export for the other — and
      // then closed.
      let prepared: { id: string };
      try {
        prepared = (await svc.disclosures.prepare!(as('REVIEWER') as never, id as never)) as { id: string };
      } catch (error) {
        if ((error as { code?: string }).code !== 'NOTHING_TO_RELEASE') throw error;
        version = ((await prisma.request.findUniqueOrThrow({ where: { id } })) as { version: number }).version;
        await step('REVIEWER', 'NO_DATA');
        continue;
      }
      await svc.disclosures.approve!(as('APPROVER') as never, prepared.id as never);
      const delivery = (
        plan.end === 'CLOSED'
          ? await svc.disclosures.download!(
              ((await svc.disclosures.createLink!(as('APPROVER') as never, prepared.id as never)) as { token: string })
                .token as never,
            )
          : await svc.disclosures.export!(as('APPROVER') as never, prepared.id as never)
      ) as { zip: AsyncIterable<unknown> };
      for await (const chunk of delivery.zip) void chunk;
      if (plan.end === 'CLOSED') {
        version = ((await prisma.request.findUniqueOrThrow({ where: { id } })) as { version: number }).version;
        await step('REVIEWER', 'CLOSED');
      }
    }
    return `seeded ${made} demo requests; ${await publishDemoReport(app.get(reports.ReportsService) as Service, staff)}`;
  } finally {
    await app.close();
  }
}

/** The last quarter that has ended, e.g. "2026-Q3" on 3 December 2026. */
export function lastEndedQuarter(now: Date): string {
  const quarter = Math.floor(now.getUTCMonth() / 3);
  return quarter === 0 ? `${now.getUTCFullYear() - 1}-Q4` : `${now.getUTCFullYear()}-Q${quarter}`;
}

/**
 * A published transparency report and warrant canary for the last ended quarter, so the public report and canary
 * pages have something to show: drafted by one admin and approved by the other (four eyes), as staff would. Only
 * when the period has none yet.
 */
async function publishDemoReport(
  reports: Service,
  staff: { id: string; email: string; roles: string[] }[],
): Promise<string> {
  const period = lastEndedQuarter(new Date());
  const [drafter, approver] = ['admin@writ.example', 'admin2@writ.example']
    .map((email) => staff.find((s) => s.email === email && s.roles.includes('ADMIN')))
    .map((s): Identity | undefined => s && { staffId: s.id, email: s.email, roles: s.roles, via: 'token' });
  if (!drafter || !approver) return 'skipped the demo report and canary: they need two admins';
  const done: string[] = [];
  const published = (await reports.published!()) as { items: { period: string }[] };
  if (published.items.some((item) => item.period === period)) done.push(`report ${period} already published`);
  else {
    const draft = (await reports.draft!(drafter as never, { period } as never)) as { id: string };
    await reports.approve!(approver as never, draft.id as never);
    done.push(`published the ${period} report`);
  }
  // The period's warrant canary too, so /canary shows a signed statement rather than "missing"; four eyes again.
  const latest = await reports.latestCanary!().catch(() => undefined);
  if (latest?.period === period) done.push(`canary ${period} already published`);
  else {
    const canary = (await reports.draftCanary!(drafter as never, period as never)) as { id: string };
    await reports.approveCanary!(approver as never, canary.id as never);
    done.push(`published the ${period} warrant canary`);
  }
  return done.join('; ');
}
