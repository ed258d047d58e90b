import type { Store } from '../store/openDatabase.js';
import type { AuditEvent, UnchainedEvent } from './AuditEvent.js';
import { appendEvents } from './appendEvent.js';

/** Appends one event and resolves once it is committed. */
export type AppendCommitted = (event: UnchainedEvent) => Promise<AuditEvent>;

/**
 * Group commit for events that have no transaction of their own (reads, refusals): each caller
 * still waits until its event is committed, but the events that arrive while a commit is under
 * way share the next transaction, so a busy server pays one commit for many events instead of
 * one each (and one read of the head, one insert). With nothing in flight an event commits at
 * once, alone. The head is read inside the transaction (`appendEvents`), so instances sharing a
 * store stay on one chain.
 */
export function groupAppend(db: Store, onCommitted: (sequence: number) => void): AppendCommitted {
  let queue: Array<{ event: UnchainedEvent; resolve: (event: AuditEvent) => void; reject: (error: unknown) => void }> = [];
  let flushing = false;

  const flush = async () => {
    flushing = true;
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const appended = await db.transaction().execute((trx) => appendEvents(trx, batch.map((item) => item.event)));
        batch.forEach((item, i) => item.resolve(appended[i]!));
        onCommitted(appended.at(-1)!.sequence);
      } catch (error) {
        // Nothing of the batch committed: every caller learns it, as each would have alone.
        for (const item of batch) item.reject(error);
      }
    }
    flushing = false;
  };

  return (event) =>
    new Promise<AuditEvent>((resolve, reject) => {
      queue.push({ event, resolve, reject });
      if (!flushing) void flush();
    });
}
