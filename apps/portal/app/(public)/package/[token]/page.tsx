import type { PackageLinkInfo } from '@writ/contracts';
import type { Metadata } from 'next';
import { CheckResult } from '@/components/check-result';
import { lookUpPackageLink } from '@/lib/package-link';

// The token is in this page's address: no search engine, and no referrer that would carry it to another site.
export const metadata: Metadata = {
  title: 'Disclosure package',
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};
export const dynamic = 'force-dynamic';

const UTC = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' });
const at = (iso: string) => `${UTC.format(new Date(iso))} UTC`;

function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * The authority's page for its one-time link (it has no account). Opening it, as a mail scanner does, uses nothing
 * up: it only describes the package. The button POSTs through the portal's /api proxy, which streams the zip back;
 * that POST is the one download.
 */
/** What the download route handler (download/route.ts) came back with, in words; the page below says the rest. */
function refusalText(code: string): { title: string; text: string } {
  switch (code) {
    case 'DOWNLOAD_GONE':
      return {
        title: 'The download did not happen',
        text: 'This package was already downloaded, or its link ran out; its files are deleted. If you did not receive it, ask the platform to send it again.',
      };
    case 'DOWNLOAD_LINK_REVOKED':
      return {
        title: 'This link was withdrawn',
        text: 'The platform withdrew this link, and nothing was downloaded. Ask the platform for a new link.',
      };
    case 'RATE_LIMITED':
      return {
        title: 'Too many attempts',
        text: 'Too many downloads were tried from your address. Nothing was used up: wait a minute, then press the button again.',
      };
    case 'NOT_FOUND':
      return {
        title: 'This link is not valid',
        text: 'Check that the whole link was copied from the message you received.',
      };
    default:
      return {
        title: 'The download did not start',
        text: `The platform answered ${code}. If the page below still offers the download, nothing was used up: try again later.`,
      };
  }
}

export default async function PackagePage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await params;
  const { refused } = await searchParams;
  const refusal = typeof refused === 'string' && /^[A-Z0-9_]{1,64}$/.test(refused) ? refusalText(refused) : null;
  const found = await lookUpPackageLink(token);
  return (
    <>
      <h1>Disclosure package</h1>
      {refusal ? (
        <CheckResult tone="bad" title={refusal.title} testId="package-refused">
          <p>{refusal.text}</p>
        </CheckResult>
      ) : null}
      {found.kind === 'found' ? (
        <Package info={found.info} token={token} />
      ) : found.kind === 'not-found' ? (
        <CheckResult tone="bad" title="This link is not valid" testId="package-state">
          <p>
            Check that the whole link was copied from the message you received. If it was, ask the platform for a new
            link.
          </p>
        </CheckResult>
      ) : (
        <CheckResult tone="warn" title="The package cannot be shown right now" testId="package-state">
          <p>{found.message} Nothing was downloaded and the link is unchanged; please try again later.</p>
        </CheckResult>
      )}
    </>
  );
}

function Package({ info, token }: { info: PackageLinkInfo; token: string }) {
  return (
    <>
      <p className="lead">
        The data released for request <strong>{info.reference}</strong>
        {info.caseNumber ? <> (your case {info.caseNumber})</> : null}, as one zip file. Opening this page uses nothing
        up; the download works <strong>once</strong>.
      </p>
      <State info={info} />
      {info.usable ? (
        <form method="post" action={`/package/${encodeURIComponent(token)}/download`} className="actions">
          <button type="submit" data-testid="download-package">
            Download package ({size(info.totalSize)})
          </button>
          <span className="small muted">Press once; reload this page afterwards to see that it was received.</span>
        </form>
      ) : null}
      <section className="card" aria-labelledby="package-contents">
        <h2 id="package-contents">What the package holds</h2>
        <dl className="facts">
          <dt>Request</dt>
          <dd data-testid="package-reference">{info.reference}</dd>
          {info.caseNumber ? (
            <>
              <dt>Your case</dt>
              <dd>{info.caseNumber}</dd>
            </>
          ) : null}
          <dt>IP connections</dt>
          <dd>{info.items.IP_ADDRESS}</dd>
          <dt>Phone numbers</dt>
          <dd>{info.items.PHONE_NUMBER}</dd>
        </dl>
        <table>
          <caption className="muted small">Files in the zip</caption>
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Size</th>
            </tr>
          </thead>
          <tbody>
            {info.files.map((file) => (
              <tr key={file.name}>
                <td>
                  <code>{file.name}</code>
                </td>
                <td>{size(file.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card" aria-labelledby="package-check">
        <h2 id="package-check">Checking it</h2>
        <p>
          <code>manifest.note</code> is signed by the platform and names the SHA-256 of every other file. Check the zip
          offline with <code>writ-verify package &lt;file&gt; --key &lt;key&gt;</code>, using this key:
        </p>
        <p>
          <code className="hash" data-testid="package-verifier-key">
            {info.verifierKey}
          </code>
        </p>
      </section>
    </>
  );
}

function State({ info }: { info: PackageLinkInfo }) {
  switch (info.state) {
    case 'READY':
      return (
        <CheckResult tone="ok" title="Ready to download" testId="package-state">
          <p>
            The link works until {info.expiresAt ? at(info.expiresAt) : 'it is used'}. After the download the files are
            deleted from the platform, so save the zip somewhere safe.
          </p>
        </CheckResult>
      );
    case 'DELIVERED':
      return (
        <CheckResult tone="warn" title="Already downloaded" testId="package-state">
          <p>
            This package was downloaded{info.deliveredAt ? ` on ${at(info.deliveredAt)}` : ''} and its files are
            deleted. If you did not receive it, ask the platform.
          </p>
        </CheckResult>
      );
    case 'EXPIRED':
      return (
        <CheckResult tone="bad" title="This link expired" testId="package-state">
          <p>
            It expired{info.expiresAt ? ` on ${at(info.expiresAt)}` : ''} without being used, and the files are deleted.
            Ask the platform for the package again.
          </p>
        </CheckResult>
      );
    case 'REVOKED':
      return (
        <CheckResult tone="bad" title="This link was withdrawn" testId="package-state">
          <p>
            The person at the platform who sent it can no longer hand packages over. Ask the platform for a new link.
          </p>
        </CheckResult>
      );
  }
}
