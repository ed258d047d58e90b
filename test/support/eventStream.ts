import type { Response } from 'undici';

/** One server-sent event as a test reads it; heartbeats are comments (`: heartbeat`). */
export interface SentEvent {
  event?: string;
  id?: string;
  data: string;
  comment?: string;
}

/** A server-sent event stream being read: wait for the next event that matches, or stop. */
export class EventStream {
  private buffer = '';
  private readonly received: SentEvent[] = [];
  private waiters: Array<() => void> = [];
  ended = false;

  constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {
    void this.pump();
  }

  private async pump() {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of this.response.body!) {
        this.buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = this.buffer.indexOf('\n\n')) >= 0) {
          this.received.push(parse(this.buffer.slice(0, end)));
          this.buffer = this.buffer.slice(end + 2);
        }
        this.notify();
      }
    } catch {
      // Aborted by close(), or the server ended the stream.
    }
    this.ended = true;
    this.notify();
  }

  private notify() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  /** Every event received so far. */
  get events(): SentEvent[] {
    return [...this.received];
  }

  /** Resolves with the first event received that matches; fails after `ms` or when the stream ends without one. */
  async next(match: (event: SentEvent) => boolean, ms = 5_000): Promise<SentEvent> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (this.ended) throw new Error('the stream ended without the event');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching event within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Resolves once the server ends the stream; fails after `ms`. */
  async closedByServer(ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the stream is still open after ${ms} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }
}

function parse(block: string): SentEvent {
  const event: SentEvent = { data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) event.comment = line.slice(1).trim();
    else if (line.startsWith('data: ')) data.push(line.slice(6));
    else if (line.startsWith('event: ')) event.event = line.slice(7);
    else if (line.startsWith('id: ')) event.id = line.slice(4);
  }
  event.data = data.join('\n');
  return event;
}
