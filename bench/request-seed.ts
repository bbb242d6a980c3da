/**
 * The benchmarks' 100,000 requests (bench/listing.bench.ts, bench/queue.bench.ts): written straight into a fresh
 * database in one SQL script, in the shape a busy deployment would have after three years.
 */
import { searchWords } from '../apps/api/src/requests/search.js';
import { admin } from './intake-harness.js';

const COUNTRIES = ['DE', 'FR', 'NL', 'AT', 'BE', 'PL', 'IT', 'ES'];

/**
 * Realistic shape: one request every 15 minutes going back ~3 years; recent ones still open, older ones answered
 * (1% of them left open: the overdue backlog); three targets and one or two categories each; a legal basis, an
 * offence as written and a statement of reasons of 30 to 60 words, from a vocabulary shared by all (the words
 * every search meets) and names and places rarer by the thousand (the words a search narrows by). search_vector
 * is computed in SQL by a function equal to apps/api/src/requests/search.ts for this ASCII text (checked against it
 * below).
 */
const SEED = `
CREATE FUNCTION pg_temp.bench_vector(VARIADIC texts text[]) RETURNS tsvector LANGUAGE sql IMMUTABLE AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT DISTINCT left(v, len)
      FROM regexp_split_to_table(lower(array_to_string(texts, ' ')), '[^a-z0-9]+') w,
           LATERAL (VALUES (left(w, 32)), (CASE WHEN w ~ '^0+[1-9]' THEN left(ltrim(w, '0'), 32) END)) AS word(v),
           generate_series(1, length(v)) len
     WHERE v <> '' AND (len <= 3 OR len = length(v))))
$$;

CREATE FUNCTION pg_temp.bench_reasons(i int) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'The suspect ' || (ARRAY['Meier', 'Dubois', 'Jansen', 'Novak', 'Rossi', 'Garcia', 'Kowalski', 'Peeters'])[1 + i % 8]
         || '-' || (i * 7919 % 20000) || ' is believed to have used the account to '
         || (ARRAY['arrange the sale of drugs', 'coordinate a fraud against elderly customers',
                   'launder money through prepaid cards', 'threaten a witness', 'extort a shop owner',
                   'share stolen payment card numbers'])[1 + i % 6]
         || ' between ' || (ARRAY['Berlin', 'Paris', 'Rotterdam', 'Vienna', 'Brussels', 'Warsaw', 'Milan', 'Madrid', 'Lyon', 'Hamburg'])[1 + i % 10]
         || ' and ' || (ARRAY['Antwerp', 'Munich', 'Krakow', 'Turin', 'Seville', 'Graz', 'Utrecht', 'Marseille'])[1 + (i / 10) % 8]
         || '. The messages were exchanged from ' || (2019 + i % 7) || ' until the arrest on file '
         || (i * 31 % 99991) || '. The court finds the data necessary and proportionate to identify the persons '
         || 'involved, since no other measure would reach the same result within the time available.'
         || CASE WHEN i % 3 = 0 THEN ' Further accounts in contact with the suspect may be named in a later order.' ELSE '' END
$$;

INSERT INTO authority (id, name, kind, country, jurisdiction, updated_at)
SELECT ('00000000-0000-4000-8000-' || lpad(a::text, 12, '0'))::uuid, 'Authority ' || a,
       (ARRAY['COURT', 'COURT', 'PROSECUTOR', 'POLICE']::"AuthorityKind"[])[1 + a % 4],
       (ARRAY['${COUNTRIES.join("','")}'])[1 + a % ${COUNTRIES.length}], 'Bench', now()
  FROM generate_series(1, 20) a;

INSERT INTO request (id, reference, type, legal_process, authority_id, country, case_number, legal_basis,
                     statement_of_reasons, offence_category, received_at, acknowledged_at, due_at, responded_at,
                     has_ndo, ndo_ends_at, status, outcome, search_text, search_vector, created_by_id, created_at,
                     updated_at)
SELECT g.id, g.reference, (ARRAY['RECORDS', 'RECORDS', 'RECORDS', 'PRESERVATION', 'EMERGENCY', 'INQUIRY']::"RequestType"[])[1 + g.i % 6],
       (ARRAY['COURT_ORDER', 'COURT_ORDER', 'WARRANT', 'SUBPOENA', 'LETTER']::"LegalProcess"[])[1 + g.i % 5],
       ('00000000-0000-4000-8000-' || lpad((1 + g.i % 20)::text, 12, '0'))::uuid,
       (ARRAY['${COUNTRIES.join("','")}'])[1 + (1 + g.i % 20) % ${COUNTRIES.length}],
       g.case_number, g.legal_basis, g.reasons, g.offence, g.received_at, g.received_at + interval '2 hours',
       g.received_at + interval '30 days',
       CASE WHEN g.open THEN NULL ELSE g.received_at + interval '10 days' END,
       g.i % 5 = 0, CASE WHEN g.i % 10 = 0 THEN g.received_at + interval '180 days' END,
       g.status, CASE WHEN g.open THEN 'PENDING'::"Outcome"
                      ELSE (ARRAY['DISCLOSED', 'NO_DATA', 'REJECTED_NOT_COURT_ORDER', 'WITHDRAWN', 'DISCLOSED']::"Outcome"[])[1 + g.i % 5] END,
       lower(g.reference || ' ' || g.case_number),
       pg_temp.bench_vector(g.reference, g.case_number, g.legal_basis, g.reasons, g.offence),
       $1::uuid, g.received_at, g.received_at
  FROM (
    SELECT i, gen_random_uuid() AS id, 'WR-' || extract(year FROM now() - i * interval '15 minutes') || '-' || lpad(i::text, 6, '0') AS reference,
           (ARRAY[(i % 97) || ' Js ' || i || '/' || (20 + i % 7), 'AZ ' || (i % 13) || ' BvR ' || i || '/' || (20 + i % 7),
                  'PARQUET ' || (20 + i % 7) || '/' || i, 'CASE-' || i])[1 + i % 4] AS case_number,
           (ARRAY['Section 100g StPO', 'Art. 60-1 CPP', 'Art. 126nc Sv', 'Art. 218 kpk', 'Section 2703(d)'])[1 + i % 5] AS legal_basis,
           pg_temp.bench_reasons(i) AS reasons,
           (ARRAY['Drug trafficking', 'Fraud', 'Money laundering', 'Witness intimidation', 'Extortion', 'Card fraud'])[1 + i % 6] AS offence,
           now() - i * interval '15 minutes' AS received_at,
           (i < 4300 OR i % 100 = 0) AS open,
           CASE WHEN i < 4300 OR i % 100 = 0
                THEN (ARRAY['RECEIVED', 'IN_REVIEW', 'VERIFIED', 'DECIDED', 'DISCLOSURE_PREPARED', 'APPROVED']::"RequestStatus"[])[1 + i % 6]
                ELSE (ARRAY['DELIVERED', 'CLOSED', 'REJECTED', 'NO_DATA', 'WITHDRAWN', 'CLOSED']::"RequestStatus"[])[1 + i % 6] END AS status
      FROM generate_series(1, $2::int) i
  ) g;

INSERT INTO target (id, request_id, selector_type, value, role, created_at)
SELECT gen_random_uuid(), r.id, (ARRAY['ACCOUNT_ID', 'USERNAME', 'PHONE_NUMBER']::"SelectorType"[])[k],
       CASE k WHEN 1 THEN 'acct_' || n WHEN 2 THEN 'user_' || n ELSE '+4930' || lpad(n::text, 7, '0') END,
       (ARRAY['SUSPECT', 'VICTIM', 'WITNESS']::"TargetRole"[])[k], r.created_at
  FROM (SELECT id, created_at, row_number() OVER () AS n FROM request) r, generate_series(1, 3) k;

INSERT INTO requested_category (request_id, category)
SELECT id, 'IP_ADDRESS'::"DataCategory" FROM request
UNION ALL SELECT id, 'MESSAGE_CONTENT'::"DataCategory" FROM request WHERE id::text < '8';

SELECT setval('request_reference_seq', $2::int);
`;

export async function seedRequests(
  url: string,
  staffId: string,
  count: number,
): Promise<{ seconds: number; tokenCheck: string }> {
  const started = performance.now();
  const tokenCheck = await admin(url, async (client) => {
    // node-postgres runs a multi-statement text only without parameters: bind them by hand (both are ours).
    await client.query(
      SEED.replaceAll('$1::uuid', `'${staffId}'::uuid`).replaceAll('$2::int', String(Math.trunc(count))),
    );
    // Each request row was written four times here (insert, then one target_count update per target: the trigger
    // that keeps it), which leaves three dead versions per live one and a table four times its size once vacuumed.
    // A long-running table does not look like that: autovacuum hands the space of old versions to later writes.
    // So the table is packed, in the order it was written, as a deployment's would be near enough.
    await client.query('VACUUM FULL request');
    await client.query('VACUUM ANALYZE request, target, requested_category, authority');
    const { rows } = await client.query<{
      reference: string;
      case_number: string;
      legal_basis: string;
      statement_of_reasons: string;
      offence_category: string;
      words: string[];
    }>(
      `SELECT reference, case_number, legal_basis, statement_of_reasons, offence_category,
              tsvector_to_array(search_vector) AS words
         FROM request ORDER BY random() LIMIT 200`,
    );
    for (const row of rows) {
      const expected = searchWords(row.reference, {
        caseNumber: row.case_number,
        legalBasis: row.legal_basis,
        statementOfReasons: row.statement_of_reasons,
        offenceCategory: row.offence_category,
      }).sort();
      if (JSON.stringify(expected) !== JSON.stringify([...row.words].sort())) {
        throw new Error(`seeded search words differ from the API's for ${row.reference}`);
      }
    }
    return `the SQL search words of ${rows.length} random rows equal apps/api/src/requests/search.ts`;
  });
  return { seconds: Math.round((performance.now() - started) / 100) / 10, tokenCheck };
}
