// Deterministic demo data: the same database every time (fixed random seed, fixed clock origin), so screenshots,
// tests and walkthroughs agree. Usage: npm run db:seed [-- --if-empty]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../apps/api/src/generated/prisma/client.js';
import { seedDemoRequests } from './seed-requests.js';

const HELP = `Usage: npm run db:seed [-- --if-empty]

Fills the database named by DATABASE_OWNER_URL (else DATABASE_URL) with deterministic demo data (staff, authorities, subscriber accounts,\nand, when the API is built, demo requests carried through the real services so the audit log has history).
  --if-empty   do nothing when staff accounts already exist (what npm start uses)
Refuses to run when NODE_ENV=production.`;

interface DemoStaff {
  email: string;
  displayName: string;
  roles: ('INTAKE' | 'REVIEWER' | 'APPROVER' | 'AUDITOR' | 'ADMIN')[];
  password: string;
  totpSecret: string;
}

/** mulberry32: a tiny seeded PRNG; Math.random would make every seed different. */
export function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AUTHORITIES = [
  { name: 'Amtsgericht Berlin-Tiergarten', kind: 'COURT', country: 'DE', jurisdiction: 'Berlin' },
  { name: 'Tribunal judiciaire de Paris', kind: 'COURT', country: 'FR', jurisdiction: 'Paris' },
  { name: 'Rechtbank Amsterdam', kind: 'COURT', country: 'NL', jurisdiction: 'Noord-Holland' },
  { name: 'Juzgado de Instrucción n.º 5 de Madrid', kind: 'COURT', country: 'ES', jurisdiction: 'Madrid' },
  { name: 'Staatsanwaltschaft München I', kind: 'PROSECUTOR', country: 'DE', jurisdiction: 'Bayern' },
  { name: 'Parquet de Lyon', kind: 'PROSECUTOR', country: 'FR', jurisdiction: 'Rhône' },
  { name: 'Politie Eenheid Rotterdam', kind: 'POLICE', country: 'NL', jurisdiction: 'Zuid-Holland' },
  { name: 'Landeskriminalamt Hamburg', kind: 'POLICE', country: 'DE', jurisdiction: 'Hamburg' },
  { name: 'Agencia Española de Protección de Datos', kind: 'ADMINISTRATIVE', country: 'ES', jurisdiction: 'Spain' },
] as const;

const WORDS = [
  'amber',
  'birch',
  'cedar',
  'delta',
  'ember',
  'fjord',
  'grove',
  'harbor',
  'iris',
  'juniper',
  'kestrel',
  'lumen',
];

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'if-empty': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (process.env.NODE_ENV === 'production') throw new Error('refusing to seed demo data with NODE_ENV=production');
  // The seed writes as the owner (DATABASE_URL is the API's login wherever the two differ).
  const url = process.env.DATABASE_OWNER_URL ?? process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_OWNER_URL (or DATABASE_URL) is not set: name the database to seed');
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    if (values['if-empty'] && (await prisma.staff.count()) > 0) return;
    const random = rng(20261126);
    const demo = JSON.parse(readFileSync(path.join(import.meta.dirname, 'demo-staff.json'), 'utf8')) as {
      staff: DemoStaff[];
    };
    const origin = new Date('2026-01-01T00:00:00Z');

    // Straight into the table, not through the admin route: demo logins are meant to work as printed, so these
    // accounts are not held to a password change (mustChangePassword keeps its default, false). Their TOTP secrets
    // are published (demo-staff.json) and stored as plain base32, which the API still reads and seals with its
    // TOTP_ENCRYPTION_KEY at each account's first successful login (the seed need not share the API's key).
    // Being the bootstrap, this needs no approval; it makes two admins, since from then on every change that grants
    // access to an account is proposed by one admin and approved by another (four-eyes/, staff/).
    for (const person of demo.staff) {
      await prisma.staff.upsert({
        where: { email: person.email },
        update: {},
        create: {
          email: person.email,
          displayName: person.displayName,
          roles: person.roles,
          passwordHash: await hash(person.password),
          totpSecret: person.totpSecret,
          totpEnrolledAt: origin,
        },
      });
    }

    for (const authority of AUTHORITIES) {
      await prisma.authority.upsert({
        where: { country_name: { country: authority.country, name: authority.name } },
        update: {},
        create: {
          ...authority,
          contactChannels: {
            create: [
              {
                kind: 'EMAIL',
                value: `registry@${authority.name
                  .toLowerCase()
                  .replace(/[^a-z]+/g, '-')
                  .replace(/^-|-$/g, '')}.example`,
                label: 'Registry office',
                verifiedAt: origin,
              },
              {
                kind: 'PHONE',
                value: `+${100000000 + Math.floor(random() * 899999999)}`,
                label: 'Duty clerk',
                verifiedAt: origin,
              },
            ],
          },
        },
      });
    }

    const accounts = Array.from({ length: 200 }, (_, i) => {
      const word = WORDS[Math.floor(random() * WORDS.length)]!;
      return {
        accountId: `acct_${String(i + 1).padStart(6, '0')}`,
        username: `${word}_${i + 1}`,
        phoneNumber: random() < 0.9 ? `+4915${String(10000000 + Math.floor(random() * 89999999))}` : null,
      };
    });
    await prisma.subscriberAccount.createMany({ data: accounts, skipDuplicates: true });
    const connections = accounts.flatMap((account) =>
      Array.from({ length: 5 + Math.floor(random() * 20) }, () => ({
        accountId: account.accountId,
        at: new Date(origin.getTime() + Math.floor(random() * 300 * 86_400_000)),
        ip:
          random() < 0.7
            ? `${10 + Math.floor(random() * 200)}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`
            : `2001:db8:${Math.floor(random() * 65535).toString(16)}::${Math.floor(random() * 65535).toString(16)}`,
      })),
    );
    if ((await prisma.subscriberConnection.count()) === 0) {
      await prisma.subscriberConnection.createMany({ data: connections });
    }
    process.stdout.write(
      `seeded demo data: ${demo.staff.length} staff, ${AUTHORITIES.length} authorities, ${accounts.length} accounts, ${connections.length} connections\n`,
    );
    // Requests only into an empty table; the demo report is published whenever its period has none yet.
    const storageDir = process.env.STORAGE_DIR ?? path.resolve(import.meta.dirname, '../.data/documents');
    const withRequests = (await prisma.request.count()) === 0;
    process.stdout.write(`${await seedDemoRequests(url, storageDir, random, withRequests)}\n`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
