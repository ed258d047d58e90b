import type { Problems } from '../../api/problemsOf.js';
import { CsrfField } from '../../components/CsrfField.js';
import { Field } from '../../components/Field.js';
import { FormAlert } from '../../components/FormAlert.js';
import { Page } from '../../layout/Page.js';
import type { Viewer } from '../../layout/viewerOf.js';

/** A channel in the viewer's list: who is at the other end. */
export interface ChannelSummary {
  channelId: string;
  peer: { id: string; email: string | null };
}

/** A message as the API shows it to a member. */
export interface MessageItem {
  id: number;
  senderId: string;
  text: string;
  sentAt: string;
}

const peerName = (peer: { email: string | null }) => peer.email ?? 'a former user';

/** `/channels`: open a channel with someone by address, and the viewer's channels. */
export function ChannelsPage(props: { viewer: Viewer; channels: ChannelSummary[]; peerEmail?: string; problems?: Problems }) {
  return (
    <Page title="Channels" viewer={props.viewer}>
      <section aria-labelledby="open-channel">
        <h2 id="open-channel">Open a channel</h2>
        <p>A channel is private: only you and the other person can read it or write to it.</p>
        <FormAlert message={props.problems?.form} />
        <form method="post" action="/channels" novalidate>
          <CsrfField token={props.viewer.csrfToken} />
          <Field name="peerEmail" label="Peer email" type="email" value={props.peerEmail} error={props.problems?.fields.peerEmail} required />
          <button type="submit">Open channel</button>
        </form>
      </section>
      <section aria-labelledby="your-channels">
        <h2 id="your-channels">Your channels</h2>
        {props.channels.length === 0 ? (
          <p>You have no channels yet.</p>
        ) : (
          <ul>
            {props.channels.map((channel) => (
              <li>
                <a href={`/channels/${channel.channelId}`}>Channel with {peerName(channel.peer)}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}

/**
 * `/channels/:id`: the history, then new messages live (the `channel` script streams them into
 * the log and sends without reloading); without scripts the form posts and the page reloads.
 */
export function ChannelPage(props: { viewer: Viewer; channelId: string; peer: { id: string; email: string | null }; lastSequence: number; messages: MessageItem[]; text?: string; problems?: Problems }) {
  const name = peerName(props.peer);
  return (
    <Page title={`Channel with ${name}`} viewer={props.viewer} scripts={['channel']}>
      <ol class="messages" role="log" aria-live="polite" aria-label="Messages" data-channel={props.channelId} data-after={String(props.lastSequence)} data-viewer={props.viewer.id} data-peer={name}>
        {props.messages.map((message) => (
          <li data-id={String(message.id)}>
            <strong>{message.senderId === props.viewer.id ? 'You' : name}</strong>: {message.text}{' '}
            <time datetime={message.sentAt}>{message.sentAt.slice(11, 16)}</time>
          </li>
        ))}
      </ol>
      <p id="channel-alert" class="alert" role="alert" hidden></p>
      <FormAlert message={props.problems?.form} />
      <form method="post" action={`/channels/${props.channelId}`} id="channel-form" novalidate>
        <CsrfField token={props.viewer.csrfToken} />
        <Field name="text" label="Message" value={props.text} error={props.problems?.fields.text} autocomplete="off" required />
        <button type="submit">Send</button>
      </form>
      <p>
        <a href="/channels">All your channels</a>
      </p>
    </Page>
  );
}
