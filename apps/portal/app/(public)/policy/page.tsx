import { GetPolicy, type PublishedPolicyResponse } from '@writ/contracts';
import Markdown, { type Components } from 'react-markdown';
import { CheckResult } from '@/components/check-result';
import { getJson } from '@/lib/api';
import { countryName } from '@/lib/countries';
import { PolicyHashCheck } from './policy-hash-check';

export const metadata = {
  title: 'Policy',
  description:
    'The disclosure policy in force, word for word, with its SHA-256 as logged: only IP addresses and phone numbers, only of suspects named in a verified court order, never message content.',
};
export const dynamic = 'force-dynamic';

// The page has its own h1, so the policy's headings move one level down.
const shiftHeadings: Components = { h1: 'h2', h2: 'h3', h3: 'h4', h4: 'h5', h5: 'h6' };

export default async function PolicyPage() {
  const policy = await getJson(GetPolicy, {});
  return (
    <>
      <h1>Disclosure policy</h1>
      <p className="lead">
        The rules in force, exactly as the policy engine applies them. Every decision Writ makes records the SHA-256
        hash of this policy, so anyone can tell which rules a decision was made under.
      </p>
      {policy.ok ? (
        <PolicyBody policy={policy.data} />
      ) : (
        <CheckResult tone="bad" title="The policy cannot be shown right now" testId="policy-unavailable">
          <p>{policy.message} Nothing on this page can be checked until the API answers again; please try later.</p>
        </CheckResult>
      )}
    </>
  );
}

function PolicyBody({ policy }: { policy: PublishedPolicyResponse }) {
  const { acceptedCountries, acceptedJurisdictions, maxWindowDays } = policy.parameters;
  const countries = acceptedCountries
    .map((code) => ({ code, name: countryName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return (
    <div className="policy-layout">
      <article className="policy-text prose" aria-label="Policy text" data-testid="policy-text">
        <Markdown skipHtml components={shiftHeadings}>
          {policy.text}
        </Markdown>
      </article>

      <aside className="policy-side" aria-label="Version, hash and parameters">
        <section className="card" aria-labelledby="policy-identity">
          <h2 id="policy-identity">Version and hash</h2>
          <dl className="facts">
            <dt>Version</dt>
            <dd data-testid="policy-version">{policy.version}</dd>
            <dt>SHA-256</dt>
            <dd>
              <code className="hash" data-testid="policy-hash">
                {policy.hash}
              </code>
            </dd>
          </dl>
          <PolicyHashCheck
            document={policy.document}
            hash={policy.hash}
            version={policy.version}
            text={policy.text}
            parameters={policy.parameters}
          />
        </section>

        <section className="card" aria-labelledby="policy-parameters">
          <h2 id="policy-parameters">Parameters</h2>
          <p className="muted small">Set by the platform operator. They are part of the hashed document too.</p>
          <h3>Longest time window for IP addresses</h3>
          <p data-testid="max-window-days">
            <strong>{maxWindowDays} days</strong>. An order asking for connections over a longer or open-ended period is
            denied.
          </p>
          <h3 id="accepted-countries">Courts accepted from {countries.length} countries</h3>
          {countries.length > 0 ? (
            <ul className="country-list" aria-labelledby="accepted-countries" data-testid="accepted-countries">
              {countries.map(({ code, name }) => (
                <li key={code}>
                  {name} <span className="muted">({code})</span>
                </li>
              ))}
            </ul>
          ) : (
            <p data-testid="accepted-countries">None: no court is accepted because of its country.</p>
          )}
          <h3>Court jurisdictions accepted whatever their country</h3>
          {acceptedJurisdictions.length > 0 ? (
            <ul data-testid="accepted-jurisdictions">
              {acceptedJurisdictions.map((name) => (
                <li key={name}>{name}</li>
              ))}
            </ul>
          ) : (
            <p data-testid="accepted-jurisdictions">None.</p>
          )}
        </section>
      </aside>
    </div>
  );
}
