import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { HttpEnv } from '../../http/HttpEnv.js';
import type { Runtime } from '../../runtime/Runtime.js';
import { listMessagesAfter } from '../../store/repositories/channels.js';
import { channelTopic, messageView, sealedText } from './channelEntity.js';

// Messages read from the store per round: what one reader can cost in memory, however slow.
const pageSize = 100;

/** Where a stream starts and for whom. */
export interface StreamStart {
  channelId: string;
  /** Send messages after this sequence (Last-Event-ID, or the newest at subscription). */
  afterSequence: number;
  /** The stream ends when the session does: at this time, or when it is revoked. */
  endsAt: number;
  sessionId: string;
}

/**
 * Streams a channel's messages as server-sent events (`event: message`, `id` = sequence).
 * A broadcast only wakes the stream, which then reads what follows its last id from the
 * store: a slow reader holds one page and a flag, never a queue, and a broadcast lost while
 * Redis was down is made up at the next heartbeat, which also re-reads.
 */
export function streamChannel(c: Context<HttpEnv>, runtime: Pick<Runtime, 'db' | 'clock' | 'broadcast' | 'logger' | 'config' | 'sessionRevocations' | 'keyring'>, start: StreamStart): Response {
  return streamSSE(c, async (stream) => {
    let last = start.afterSequence;
    let ended = false;
    let wake: (() => void) | undefined;
    let dirty = true;
    const stop = () => {
      ended = true;
      wake?.();
    };
    stream.onAbort(stop);
    const unsubscribe = runtime.broadcast.subscribe(channelTopic(start.channelId), () => {
      dirty = true;
      wake?.();
    });
    // A sign-out on any instance closes the streams its session opened.
    const forget = runtime.sessionRevocations.onRevoked((ids) => {
      if (ids.includes(start.sessionId)) stop();
    });
    try {
      while (!ended && !stream.aborted) {
        if (runtime.clock() >= start.endsAt) break;
        if (dirty) {
          dirty = false;
          last = await sendAfter(stream, runtime, start.channelId, last);
          continue;
        }
        const timedOut = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), runtime.config.channelHeartbeatMs);
          wake = () => {
            clearTimeout(timer);
            resolve(false);
          };
        });
        wake = undefined;
        if (timedOut && !ended) {
          // A comment line: EventSource ignores it, proxies see a live connection.
          await stream.write(': heartbeat\n\n');
          dirty = true;
        }
      }
    } catch (error) {
      runtime.logger.error({ err: error, requestId: c.var.requestId }, 'a channel stream failed');
    } finally {
      unsubscribe();
      forget();
    }
  });
}

/** Sends every stored message after `after`, page by page; returns the last id sent. */
async function sendAfter(stream: SSEStreamingApi, runtime: Pick<Runtime, 'db' | 'keyring'>, channelId: string, after: number): Promise<number> {
  let last = after;
  for (;;) {
    const page = await listMessagesAfter(runtime.db, channelId, last, pageSize);
    for (const message of page) {
      if (stream.aborted) return last;
      // Awaited: the write resolves only when the socket takes it, so a slow reader slows us, not memory.
      await stream.writeSSE({ event: 'message', id: String(message.sequence), data: JSON.stringify(messageView(message, runtime.keyring.openText(message.text, sealedText(message.id)))) });
      last = message.sequence;
    }
    if (page.length < pageSize) return last;
  }
}
