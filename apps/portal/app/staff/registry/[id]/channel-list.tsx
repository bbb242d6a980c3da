import { type AuthorityDetail } from '@writ/contracts';
import { formatTime } from '../../admin/words';
import { RemoveChannel } from './remove-channel';

const KIND_LABEL = { EMAIL: 'Email', PHONE: 'Phone', PORTAL: 'Web portal', POST: 'Post' } as const;

/** The only channels an out-of-band call-back may use: never one printed on the order itself. */
export function ChannelList({
  authority,
  admin,
  csrfToken,
}: {
  authority: AuthorityDetail;
  admin: boolean;
  csrfToken: string;
}) {
  if (authority.channels.length === 0) {
    return (
      <p className="card" data-testid="channels-empty">
        No verified contact channel: an order from this authority cannot be confirmed by a call-back yet.
        {admin ? ' Add one below; a second admin approves it.' : ''}
      </p>
    );
  }
  return (
    <ul className="plain-list" data-testid="channels">
      {authority.channels.map((channel) => (
        <li key={channel.id} className="card" data-testid="channel">
          <dl className="facts">
            <dt>{KIND_LABEL[channel.kind]}</dt>
            <dd className="fingerprint">
              {channel.value.split('\n').map((line, i) => (
                <span key={i}>
                  {i > 0 ? <br /> : null}
                  {line}
                </span>
              ))}
            </dd>
            {channel.label ? (
              <>
                <dt>Label</dt>
                <dd>{channel.label}</dd>
              </>
            ) : null}
            <dt>Verified</dt>
            <dd>{formatTime(channel.verifiedAt)}</dd>
          </dl>
          {admin ? <RemoveChannel params={{ id: authority.id, channelId: channel.id }} csrfToken={csrfToken} /> : null}
        </li>
      ))}
    </ul>
  );
}
