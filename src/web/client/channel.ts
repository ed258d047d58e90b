// The channel page, live: new messages arrive over server-sent events into the log, and the
// form sends without reloading. Without this script the page still works: the form posts.
import { announce, sendJson } from './lib/sendJson.js';

interface Message {
  id: number;
  senderId: string;
  text: string;
  sentAt: string;
}

const log = document.querySelector<HTMLOListElement>('ol[data-channel]');
const form = document.getElementById('channel-form') as HTMLFormElement | null;
if (log && form) live(log, form);

function live(log: HTMLOListElement, form: HTMLFormElement): void {
  const channelId = log.dataset.channel!;
  const base = `/api/channels/${encodeURIComponent(channelId)}`;
  // A message can come twice (the answer to our own post, then the stream): its id says so.
  const shown = new Set(Array.from(log.querySelectorAll<HTMLLIElement>('li[data-id]'), (item) => item.dataset.id));

  const append = (message: Message) => {
    const id = String(message.id);
    if (shown.has(id)) return;
    shown.add(id);
    const item = document.createElement('li');
    item.dataset.id = id;
    const sender = document.createElement('strong');
    sender.textContent = message.senderId === log.dataset.viewer ? 'You' : (log.dataset.peer ?? '');
    const time = document.createElement('time');
    time.dateTime = message.sentAt;
    time.textContent = message.sentAt.slice(11, 16);
    // textContent, never HTML: a message is the other person's text, not markup.
    item.append(sender, `: ${message.text} `, time);
    log.append(item);
    log.scrollTop = log.scrollHeight;
  };

  // The page drew the history up to `after`; the stream picks up right there (and after a
  // reconnect, the browser's Last-Event-ID takes over).
  const events = new EventSource(`${base}/events?after=${encodeURIComponent(log.dataset.after ?? '0')}`);
  events.addEventListener('message', (event) => append(JSON.parse((event as MessageEvent<string>).data) as Message));
  events.addEventListener('error', () => {
    if (events.readyState === EventSource.CLOSED) announce('channel-alert', 'Live messages stopped. Reload the page to see new ones.');
  });

  const input = form.elements.namedItem('text') as HTMLInputElement;
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!input.value.trim()) {
      announce('channel-alert', 'Write a message first.');
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      const answer = await sendJson('POST', `${base}/messages`, { text: input.value });
      if (answer.status === 201) {
        append(answer.body as Message);
        input.value = '';
        const alert = document.getElementById('channel-alert');
        if (alert) alert.hidden = true;
      } else {
        announce('channel-alert', answer.body?.error?.message ?? `The message was not sent (${answer.status}).`);
      }
    } catch {
      announce('channel-alert', 'The message was not sent: the connection failed.');
    } finally {
      button.disabled = false;
      input.focus();
    }
  });
}
